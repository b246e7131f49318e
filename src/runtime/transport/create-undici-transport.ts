// undici's Agent alone, not its index (see undici-parts.d.ts)
import Agent from 'undici/lib/dispatcher/agent.js'
import type { Transport, TransportOptions, UpstreamRequest, UpstreamResponse } from '../types.js'
import { EngineError } from '../../errors.js'
import { isConnectionReset, mapTransportError } from './map-transport-error.js'
import { dispatchCall } from './dispatch-call.js'
import { DeadlineSweep } from './deadline-sweep.js'

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  maxResponseBytes: 50 * 1024 * 1024,
  maxRedirects: 3,
}

/** A request that may raise the response size cap for itself (e.g. a passthrough stream). */
export interface SizedUpstreamRequest extends UpstreamRequest {
  readonly maxResponseBytes?: number
}

/** Set by undici itself; a stale content-length would corrupt a redirected or retried request. */
const HOP_BY_HOP = new Set([
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
])
const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * The production Transport: an undici Agent (keep-alive pool per origin) with connect/headers/body
 * timeouts, a streaming size cap, same-origin redirects only (a cross-origin 3xx is returned as is,
 * so credentials never leave the origin), TLS verification always on, and one retry of an
 * idempotent request reset before any response arrived.
 */
export function createUndiciTransport(options: Partial<TransportOptions> = {}): Transport {
  const settings: TransportOptions = { ...DEFAULT_TRANSPORT_OPTIONS, ...options }
  const agent = new Agent({
    connect: { timeout: settings.connectTimeoutMs },
    // headers and body timeouts are the sweep's: undici's allocate a long-lived timer per request
    headersTimeout: 0,
    bodyTimeout: 0,
  })
  const deadlines = new DeadlineSweep([settings.headersTimeoutMs, settings.bodyTimeoutMs], () =>
    performance.now(),
  )

  async function attempt(
    request: UpstreamRequest,
    url: URL,
    origin: string,
    method: string,
    body: UpstreamRequest['body'],
    maxBytes: number,
    signal: AbortSignal | undefined,
  ) {
    const headers: Record<string, string> = {}
    const given = request.headers
    for (const name in given) if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name] = given[name]!
    const options = { origin, path: `${url.pathname}${url.search}`, method, headers, body }
    const limits = {
      maxBytes,
      operationId: request.operationId,
      origin,
      headersTimeoutMs: settings.headersTimeoutMs,
      bodyTimeoutMs: settings.bodyTimeoutMs,
      deadlines,
    }
    const send = () => dispatchCall(agent, options, limits, signal)
    try {
      return await send()
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error
      if (!request.idempotent || !isConnectionReset(error))
        throw mapTransportError(error, request.operationId, origin)
    }
    try {
      return await send()
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error
      throw mapTransportError(error, request.operationId, origin)
    }
  }

  return {
    async send(request: SizedUpstreamRequest, signal): Promise<UpstreamResponse> {
      const maxBytes = request.maxResponseBytes ?? settings.maxResponseBytes
      let url = request.url
      let method = request.method
      let body = request.body
      for (let redirects = 0; ; redirects++) {
        // URL getters build a new string on every read: once per hop
        const origin = url.origin
        const response = await attempt(request, url, origin, method, body, maxBytes, signal)
        const location = headerValue(response.headers['location'])
        const target =
          REDIRECTS.has(response.status) && location !== undefined
            ? safeUrl(location, url)
            : undefined
        if (target === undefined || target.origin !== origin) {
          return {
            status: response.status,
            headers: flatten(response.headers),
            body: response.body,
          }
        }
        response.body.discard()
        if (redirects >= settings.maxRedirects) {
          throw new EngineError(
            'UPSTREAM_REDIRECT_REFUSED',
            `Upstream ${request.operationId} at ${url.origin} redirected more than ${settings.maxRedirects} times`,
          )
        }
        // 303, and 301/302 after a POST, continue as GET without a body (as browsers and fetch do).
        if (
          response.status === 303 ||
          ((response.status === 301 || response.status === 302) && method === 'POST')
        ) {
          method = method === 'HEAD' ? 'HEAD' : 'GET'
          body = undefined
        }
        url = target
      }
    },
    async close() {
      await agent.close()
      deadlines.close()
    },
  }
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base)
  } catch {
    return undefined
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
