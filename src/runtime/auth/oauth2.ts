import { EngineError, isEngineError } from '../../errors.js'
import type { AuthContext, AuthScheme } from './types.js'
import { credential, getHeader, setHeader, stringOption } from './credential.js'

/** Tokens are refreshed this long before the server says they expire. */
const EXPIRY_SKEW_MS = 30_000
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024

interface CachedToken {
  readonly accessToken: string
  /** Epoch ms after which the token is refreshed; Infinity when the server gave no expires_in. */
  readonly refreshAt: number
}
type TokenState = CachedToken | { readonly pending: Promise<CachedToken> }

/**
 * `oauth2` on consumes: client credentials grant (RFC 6749 §4.4). The token is cached per
 * upstream, token URL and client until `expires_in` minus 30 s, and refreshed once on a 401.
 */
export const oauth2Auth: AuthScheme = {
  async apply(request, ctx) {
    const token = await currentToken(ctx)
    setHeader(request.headers, 'authorization', `Bearer ${token}`)
  },

  async onUnauthorized(request, _response, ctx) {
    const key = cacheKey(ctx)
    const sent = getHeader(request.headers, 'authorization')
    const cached = ctx.state.get(key) as TokenState | undefined
    // Only drop the token this request used; a concurrent refresh may already have replaced it.
    if (cached !== undefined && 'accessToken' in cached && sent === `Bearer ${cached.accessToken}`)
      ctx.state.delete(key)
    setHeader(request.headers, 'authorization', `Bearer ${await currentToken(ctx)}`)
    return true
  },
}

function tokenUrl(ctx: AuthContext): URL {
  const raw = ctx.fields['tokenUrl'] ?? option(ctx, 'tokenUrl') ?? option(ctx, 'tokenEndpoint')
  if (raw === undefined || raw === '') {
    throw new EngineError(
      'UPSTREAM_AUTH',
      `oauth2 for upstream ${ctx.stateKey} needs tokenUrl (the client credentials token endpoint)`,
    )
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new EngineError(
      'UPSTREAM_AUTH',
      `oauth2 tokenUrl for upstream ${ctx.stateKey} is not an absolute URL`,
    )
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new EngineError(
      'UPSTREAM_AUTH',
      `oauth2 tokenUrl for upstream ${ctx.stateKey} must use https (http only for localhost)`,
    )
  }
  return url
}

function option(ctx: AuthContext, name: string): string | undefined {
  const value = ctx.options[name]
  return typeof value === 'string' ? value : undefined
}

function cacheKey(ctx: AuthContext): string {
  return `oauth2:${ctx.stateKey}:${tokenUrl(ctx).href}:${credential(ctx, 'clientId')}`
}

async function currentToken(ctx: AuthContext): Promise<string> {
  const key = cacheKey(ctx)
  const cached = ctx.state.get(key) as TokenState | undefined
  if (cached !== undefined && 'pending' in cached) return (await cached.pending).accessToken
  if (cached !== undefined && ctx.clock() < cached.refreshAt) return cached.accessToken
  const pending = fetchToken(ctx)
  ctx.state.set(key, { pending })
  try {
    const token = await pending
    ctx.state.set(key, token)
    return token.accessToken
  } catch (error) {
    ctx.state.delete(key)
    throw error
  }
}

function scope(ctx: AuthContext): string | undefined {
  const fromField = ctx.fields['scope']
  if (fromField !== undefined && fromField !== '') return fromField
  const scopes = ctx.options['scopes'] ?? ctx.options['scope']
  if (Array.isArray(scopes))
    return scopes.filter((s): s is string => typeof s === 'string').join(' ') || undefined
  return typeof scopes === 'string' && scopes !== '' ? scopes : undefined
}

async function fetchToken(ctx: AuthContext): Promise<CachedToken> {
  const url = tokenUrl(ctx)
  const clientId = credential(ctx, 'clientId')
  const clientSecret = credential(ctx, 'clientSecret')
  const form = new URLSearchParams({ grant_type: 'client_credentials' })
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  }
  const clientAuthentication = stringOption(
    ctx,
    'clientAuthentication',
    stringOption(ctx, 'clientAuth', 'basic'),
  )
  if (clientAuthentication === 'body') {
    form.set('client_id', clientId)
    form.set('client_secret', clientSecret)
  } else {
    // RFC 6749 §2.3.1: form-encode id and secret before the basic scheme's base64.
    const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`
    headers['authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`
  }
  const requested = scope(ctx)
  if (requested !== undefined) form.set('scope', requested)
  for (const extra of ['audience', 'resource']) {
    const value = option(ctx, extra)
    if (value !== undefined && value !== '') form.set(extra, value)
  }
  const where = `Token endpoint ${url.origin}${url.pathname} for upstream ${ctx.stateKey}`
  const started = ctx.clock()
  let status: number
  let body: Uint8Array
  try {
    const response = await ctx.transport.send(
      {
        method: 'POST',
        url,
        headers,
        body: form.toString(),
        idempotent: false,
        operationId: `${ctx.stateKey}.oauth2-token`,
        namespace: ctx.stateKey,
      },
      ctx.signal,
    )
    status = response.status
    body = await response.body.bytes(MAX_TOKEN_RESPONSE_BYTES)
  } catch (error) {
    const code = isEngineError(error) ? ` (${error.code})` : ''
    throw new EngineError('UPSTREAM_AUTH', `${where} could not be reached${code}`, { cause: error })
  }
  let document: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body).toString('utf8'))
    if (typeof parsed === 'object' && parsed !== null) document = parsed as Record<string, unknown>
  } catch {
    // A non-JSON answer is reported below by status or missing access_token.
  }
  if (status < 200 || status > 299) {
    const code =
      typeof document['error'] === 'string' && /^[\w.-]{1,64}$/.test(document['error'])
        ? ` (${document['error']})`
        : ''
    throw new EngineError('UPSTREAM_AUTH', `${where} answered HTTP ${status}${code}`)
  }
  const accessToken = document['access_token']
  if (typeof accessToken !== 'string' || accessToken === '' || /[\r\n]/.test(accessToken)) {
    throw new EngineError('UPSTREAM_AUTH', `${where} answered without a usable access_token`)
  }
  const expiresIn = Number(document['expires_in'])
  const refreshAt =
    Number.isFinite(expiresIn) && expiresIn > 0
      ? started + expiresIn * 1000 - EXPIRY_SKEW_MS
      : Infinity
  return { accessToken, refreshAt }
}
