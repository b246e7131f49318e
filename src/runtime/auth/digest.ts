import { createHash, randomBytes } from 'node:crypto'
import type { AuthContext, AuthScheme, MutableRequest } from './types.js'
import { credential, getHeader, setHeader } from './credential.js'
import { parseChallenges, type Challenge } from './parse-challenge.js'

const ALGORITHMS: Readonly<Record<string, string>> = {
  md5: 'md5',
  'sha-256': 'sha256',
  'sha-512-256': 'sha512-256',
}

/** The server challenge remembered per upstream origin to pre-authorize later calls. */
interface DigestSession {
  readonly realm: string
  readonly nonce: string
  readonly opaque: string | undefined
  readonly algorithm: string
  readonly qop: 'auth' | 'auth-int' | undefined
  nc: number
}

/**
 * `digest`: RFC 7616. The first call goes out without credentials (or with the cached nonce);
 * a 401 `Digest` challenge is answered once; the nonce is kept to pre-authorize later calls.
 */
export const digestAuth: AuthScheme = {
  async apply(request, ctx) {
    const username = credential(ctx, 'username')
    const password = credential(ctx, 'password', '')
    const session = ctx.state.get(sessionKey(ctx, request)) as DigestSession | undefined
    if (session !== undefined) authorize(request, session, username, password)
  },

  async onUnauthorized(request, response, ctx) {
    const header = getHeader(response.headers, 'www-authenticate')
    const challenge = parseChallenges(header ?? '').find((c) => c.scheme === 'digest' && usable(c))
    if (challenge === undefined) return false
    const key = sessionKey(ctx, request)
    const previous = ctx.state.get(key) as DigestSession | undefined
    const sentBefore = getHeader(request.headers, 'authorization')?.startsWith('Digest ') === true
    const stale = challenge.params['stale']?.toLowerCase() === 'true'
    // Same nonce, not stale, already answered: the credentials are wrong, re-sending cannot help.
    if (sentBefore && previous?.nonce === challenge.params['nonce'] && !stale) return false
    const session = sessionOf(challenge)
    ctx.state.set(key, session)
    authorize(request, session, credential(ctx, 'username'), credential(ctx, 'password', ''))
    return true
  },
}

function sessionKey(ctx: AuthContext, request: MutableRequest): string {
  return `digest:${ctx.stateKey}:${request.url.origin}`
}

function usable(challenge: Challenge): boolean {
  const algorithm = (challenge.params['algorithm'] ?? 'MD5').toLowerCase().replace(/-sess$/, '')
  return challenge.params['nonce'] !== undefined && ALGORITHMS[algorithm] !== undefined
}

function sessionOf(challenge: Challenge): DigestSession {
  const qops = (challenge.params['qop'] ?? '').split(',').map((q) => q.trim().toLowerCase())
  return {
    realm: challenge.params['realm'] ?? '',
    nonce: challenge.params['nonce'] ?? '',
    opaque: challenge.params['opaque'],
    algorithm: challenge.params['algorithm'] ?? 'MD5',
    qop: qops.includes('auth') ? 'auth' : qops.includes('auth-int') ? 'auth-int' : undefined,
    nc: 0,
  }
}

function authorize(
  request: MutableRequest,
  session: DigestSession,
  username: string,
  password: string,
): void {
  const lower = session.algorithm.toLowerCase()
  const hashName = ALGORITHMS[lower.replace(/-sess$/, '')] ?? 'md5'
  const h = (data: string | Uint8Array): string => createHash(hashName).update(data).digest('hex')
  session.nc += 1
  const nc = session.nc.toString(16).padStart(8, '0')
  const cnonce = randomBytes(16).toString('hex')
  const uri = `${request.url.pathname}${request.url.search}`
  let ha1 = h(`${username}:${session.realm}:${password}`)
  if (lower.endsWith('-sess')) ha1 = h(`${ha1}:${session.nonce}:${cnonce}`)
  const ha2 =
    session.qop === 'auth-int'
      ? h(`${request.method}:${uri}:${h(request.body ?? '')}`)
      : h(`${request.method}:${uri}`)
  const response =
    session.qop === undefined
      ? h(`${ha1}:${session.nonce}:${ha2}`)
      : h(`${ha1}:${session.nonce}:${nc}:${cnonce}:${session.qop}:${ha2}`)
  const parts = [
    `username="${quote(username)}"`,
    `realm="${quote(session.realm)}"`,
    `nonce="${quote(session.nonce)}"`,
    `uri="${quote(uri)}"`,
    `algorithm=${session.algorithm}`,
    `response="${response}"`,
  ]
  if (session.qop !== undefined) parts.push(`qop=${session.qop}`, `nc=${nc}`, `cnonce="${cnonce}"`)
  if (session.opaque !== undefined) parts.push(`opaque="${quote(session.opaque)}"`)
  setHeader(request.headers, 'authorization', `Digest ${parts.join(', ')}`)
}

function quote(value: string): string {
  return value.replace(/["\\]/g, '\\$&')
}
