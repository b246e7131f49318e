/**
 * `type: oauth2`: OAuth 2.1 resource server. JWT access tokens are verified against the JWKS the
 * authorization server advertises (RFC 8414, then OpenID discovery): signature, issuer, audience
 * (`audience`, else `resource`), expiry and required `scopes`.
 */
import type * as Jose from 'jose'
import { REALM, type AuthOutcome, type InboundAuthDeps, type InboundAuthFactory } from './types.js'

const DISCOVERY = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']
const RETRY_DISCOVERY_MS = 30_000

export const oauth2: InboundAuthFactory = (auth, deps) => {
  const o = auth.options
  const server =
    typeof o.authorizationServerUri === 'string' ? o.authorizationServerUri.replace(/\/+$/, '') : ''
  if (!/^https?:\/\//.test(server))
    return { problem: 'authorizationServerUri must be an http(s) URL' }
  if (o.tokenValidation === 'introspection')
    return { problem: 'tokenValidation: introspection is not supported; use JWT access tokens' }
  const audience =
    typeof o.audience === 'string'
      ? o.audience
      : typeof o.resource === 'string'
        ? o.resource
        : undefined
  if (audience === undefined)
    return {
      problem: 'set `audience` (or `resource`) so tokens issued for other services are refused',
    }
  const scopes = Array.isArray(o.scopes)
    ? o.scopes.map(String)
    : typeof o.scopes === 'string'
      ? o.scopes.split(/\s+/).filter(Boolean)
      : []
  const keys = createKeyResolver(server, deps)
  const challenge = (extra: string) => `Bearer realm="${REALM}"${extra}`
  return {
    type: 'oauth2',
    protectedResource: {
      authorizationServers: [server],
      scopes,
      resource: typeof o.resource === 'string' ? o.resource : undefined,
    },
    async authenticate(req): Promise<AuthOutcome> {
      const header = req.headers.authorization
      const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null
      if (!match)
        return {
          ok: false,
          status: 401,
          message: 'A bearer access token is required.',
          challenge: challenge(''),
        }
      const invalid = (description: string): AuthOutcome => ({
        ok: false,
        status: 401,
        message: `The access token is not valid: ${description}`,
        challenge: challenge(`, error="invalid_token", error_description="${description}"`),
      })
      let resolved
      try {
        resolved = await keys()
      } catch {
        return invalid('the authorization server metadata could not be loaded')
      }
      let payload: Jose.JWTPayload
      try {
        const verified = await resolved.jose.jwtVerify(match[1]!, resolved.jwks, {
          issuer: [resolved.issuer, `${resolved.issuer}/`],
          audience,
          currentDate: new Date(deps.now()),
        })
        payload = verified.payload
      } catch (error) {
        return invalid(describe(error, resolved.jose.errors))
      }
      const granted = new Set(
        typeof payload.scope === 'string'
          ? payload.scope.split(' ')
          : Array.isArray(payload.scp)
            ? payload.scp.map(String)
            : [],
      )
      const missing = scopes.filter((s) => !granted.has(s))
      if (missing.length > 0) {
        return {
          ok: false,
          status: 403,
          message: `The access token lacks scope: ${missing.join(' ')}.`,
          challenge: challenge(`, error="insufficient_scope", scope="${scopes.join(' ')}"`),
        }
      }
      return {
        ok: true,
        principal: `oauth2:${typeof payload.sub === 'string' ? payload.sub : 'unknown'}`,
      }
    },
  }
}

function describe(error: unknown, errors: typeof Jose.errors): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired'
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim ${error.claim} is not acceptable`
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify'
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the authorization server matches'
  return 'the token is malformed or its signature cannot be checked'
}

interface ResolvedKeys {
  readonly issuer: string
  readonly jwks: ReturnType<typeof Jose.createRemoteJWKSet>
  readonly jose: typeof Jose
}

/** Discovers the JWKS once; a failed discovery is retried at most every 30 s. */
function createKeyResolver(server: string, deps: InboundAuthDeps): () => Promise<ResolvedKeys> {
  let pending: Promise<ResolvedKeys> | undefined
  let failedAt = -Infinity
  const discover = async (): Promise<ResolvedKeys> => {
    for (const path of DISCOVERY) {
      const response = await deps
        .fetch(server + path, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(10_000),
        })
        .catch(() => undefined)
      if (!response?.ok) continue
      const meta = (await response.json().catch(() => undefined)) as
        { issuer?: unknown; jwks_uri?: unknown } | undefined
      if (typeof meta?.jwks_uri !== 'string') continue
      const issuer = (typeof meta.issuer === 'string' ? meta.issuer : server).replace(/\/+$/, '')
      // imported on first use: engines without oauth2 inbound auth do not load jose at start-up
      const jose = await import('jose')
      const jwks = jose.createRemoteJWKSet(new URL(meta.jwks_uri), {
        cacheMaxAge: 5 * 60_000,
        cooldownDuration: 30_000,
        [jose.customFetch]: (url: string, init: RequestInit) =>
          deps.fetch(url, init as { signal?: AbortSignal; headers?: Record<string, string> }),
      })
      return { issuer, jwks, jose }
    }
    throw new Error('no authorization server metadata with a jwks_uri')
  }
  return () => {
    if (pending === undefined && deps.now() - failedAt >= RETRY_DISCOVERY_MS) {
      pending = discover().catch((error: unknown) => {
        failedAt = deps.now()
        pending = undefined
        throw error
      })
    }
    return pending ?? Promise.reject(new Error('discovery failed recently'))
  }
}
