import type { IncomingHttpHeaders } from 'node:http'

/** One request as the sandbox received it, kept so tests can assert what a client sent. */
export interface RecordedCall {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string | string[]>>
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly status: number
}

export interface RequestContext {
  readonly method: string
  readonly path: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  /** Parsed JSON body, undefined when the request had none. */
  readonly body: unknown
  /** True when a body was sent but is not valid JSON. */
  readonly bodyInvalid: boolean
}

export interface Reply {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

export type Handler = (req: RequestContext) => Reply

export interface Route {
  readonly method: string
  readonly segments: readonly string[]
  readonly handler: Handler
}

/** Builds a route from a pattern such as `/container/:containerId/secret`. */
export function route(method: string, pattern: string, handler: Handler): Route {
  return { method, segments: splitPath(pattern), handler }
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '')
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' }

export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  const parts = splitPath(path)
  let pathMatched = false
  for (const r of routes) {
    const params = matchSegments(r.segments, parts)
    if (!params) continue
    if (r.method === method) return { kind: 'found', route: r, params }
    pathMatched = true
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' }
}

function matchSegments(
  segments: readonly string[],
  parts: readonly string[],
): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string
    const part = parts[i] as string
    if (seg.startsWith(':')) {
      let decoded: string
      try {
        decoded = decodeURIComponent(part)
      } catch {
        return undefined
      }
      params[seg.slice(1)] = decoded
    } else if (seg !== part) {
      return undefined
    }
  }
  return params
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body }
}

export function noContent(): Reply {
  return { status: 204 }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value)
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Lower-cased single-valued header, or undefined. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

export function queryToRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key)
    out[key] = all.length === 1 ? (all[0] as string) : all
  }
  return out
}

export function headersToRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    out[k] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

/** Thrown by a handler to stop and answer with an error reply already in the API's shape. */
export class HttpFailure extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`)
  }
}

/** Runs a handler, turning an HttpFailure into its reply. */
export function runHandler(fn: () => Reply): Reply {
  try {
    return fn()
  } catch (err) {
    if (err instanceof HttpFailure) return err.reply
    throw err
  }
}
