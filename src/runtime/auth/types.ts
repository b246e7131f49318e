/**
 * Upstream authentication schemes: each adds credentials to an outgoing request and may answer
 * a 401 once (digest challenge, oauth2 refresh). Side effects arrive through AuthContext.
 */
import type { Transport } from '../types.js'

export interface MutableRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body: string | Uint8Array | undefined
}

export interface AuthContext {
  /** Rendered template fields: token | username,password | key,value | clientId,clientSecret,tokenUrl,scope… */
  readonly fields: Readonly<Record<string, string>>
  /** Non-template options: placement ('header'|'query'), scopes, audience, clientAuthentication… */
  readonly options: Readonly<Record<string, unknown>>
  /** Per-engine cache (oauth2 tokens, digest nonces), keyed by ids derived from stateKey. */
  readonly state: Map<string, unknown>
  /** The upstream namespace. */
  readonly stateKey: string
  /** Used to fetch oauth2 tokens. */
  readonly transport: Transport
  readonly clock: () => number
  readonly signal: AbortSignal | undefined
}

export interface UnauthorizedResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
}

export interface AuthScheme {
  /** Adds credentials to the request before it is sent. */
  apply(request: MutableRequest, ctx: AuthContext): Promise<void>
  /** Called once when the upstream answered 401: true when the request was updated and may be re-sent once. */
  onUnauthorized?(
    request: MutableRequest,
    response: UnauthorizedResponse,
    ctx: AuthContext,
  ): Promise<boolean>
}
