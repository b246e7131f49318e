/** Inbound authentication contract: one authenticator per expose, built once at start-up. */
import type { IncomingHttpHeaders } from 'node:http'
import type { Authentication, TemplateContext } from '../../model/types.js'

export interface AuthRequest {
  readonly method: string
  /** Request target as sent (path and query), used by digest's `uri` check. */
  readonly target: string
  readonly headers: IncomingHttpHeaders
  readonly query: URLSearchParams
}

export type AuthOutcome =
  | { readonly ok: true; readonly principal: string }
  | {
      readonly ok: false
      readonly status: 401 | 403
      readonly message: string
      readonly challenge?: string | readonly string[]
    }

export interface ProtectedResourceInfo {
  readonly authorizationServers: readonly string[]
  readonly scopes: readonly string[]
  readonly resource: string | undefined
}

export interface InboundAuthenticator {
  readonly type: string
  authenticate(req: AuthRequest): AuthOutcome | Promise<AuthOutcome>
  /** Present for OAuth resource servers: served as RFC 9728 metadata. */
  readonly protectedResource?: ProtectedResourceInfo
}

export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<Response>

export interface InboundAuthDeps {
  /** Bind values as a template context (deps.runtime.secrets.context). */
  readonly context: TemplateContext
  readonly fetch: FetchLike
  /** Wall clock in milliseconds (Date.now in production). */
  readonly now: () => number
  /** Per-process random key (digest nonces). */
  readonly secretKey: Buffer
}

/** Returns the authenticator, or a problem that makes the expose refuse every request. */
export type InboundAuthFactory = (
  auth: Authentication,
  deps: InboundAuthDeps,
) => InboundAuthenticator | { readonly problem: string }

export const REALM = 'capstan'

export function unauthorized(message: string, challenge?: string | readonly string[]): AuthOutcome {
  return challenge === undefined
    ? { ok: false, status: 401, message }
    : { ok: false, status: 401, message, challenge }
}
