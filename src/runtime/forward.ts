/** `forward` pass-through: method, path remainder, query and body sent to an upstream with its auth. */
import type { Upstream } from '../model/types.js'
import { EngineError } from '../errors.js'
import { applyAuth } from './apply-auth.js'
import { safeHeader } from './build-request.js'
import type { RuntimeDeps, UpstreamResponse } from './types.js'

export interface ForwardRequest {
  readonly method: string
  readonly path: string
  readonly search: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | undefined
  readonly traceparent?: string
}

export async function forwardRequest(
  upstream: Upstream,
  request: ForwardRequest,
  deps: RuntimeDeps,
  signal?: AbortSignal,
): Promise<UpstreamResponse> {
  const base = upstream.baseUri.render(deps.secrets.context).replace(/\/+$/, '')
  if (!base)
    throw new EngineError(
      'UPSTREAM_UNREACHABLE',
      `Upstream ${upstream.namespace} has no base URI; run with --upstream ${upstream.namespace}=<url>.`,
    )
  const segments = request.path.split('/').filter(Boolean)
  if (
    segments.some((s) => s === '.' || s === '..' || /%2e%2e|%2f|%5c/i.test(s) || s.includes('\\'))
  ) {
    throw new EngineError(
      'PATH_PARAM_UNSAFE',
      'Forwarded path must not contain dot segments or encoded separators.',
    )
  }
  const url = new URL(`${base}/${segments.join('/')}${request.search}`)
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(request.headers)) headers[k] = safeHeader(v, k)
  if (request.traceparent) headers.traceparent = request.traceparent
  const built = { method: request.method, url, headers, body: request.body }
  await applyAuth(upstream, built, deps, signal)
  return deps.transport.send(
    {
      ...built,
      idempotent: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(request.method),
      operationId: `${upstream.namespace}.forward`,
      namespace: upstream.namespace,
    },
    signal,
  )
}
