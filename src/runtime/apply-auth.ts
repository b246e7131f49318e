/** Upstream credentials: fields rendered from binds only (request values never shadow them). */
import { EngineError } from '../errors.js'
import type { Upstream } from '../model/types.js'
import { AUTH_SCHEMES, type AuthContext, type MutableRequest } from './auth/index.js'
import type { RuntimeDeps, UpstreamResponse } from './types.js'

function authContext(
  upstream: Upstream,
  deps: RuntimeDeps,
  signal: AbortSignal | undefined,
): AuthContext {
  const auth = upstream.auth!
  const fields: Record<string, string> = {}
  for (const [name, template] of Object.entries(auth.fields))
    fields[name] = template.render(deps.secrets.context)
  return {
    fields,
    options: auth.options,
    state: deps.authState,
    stateKey: upstream.namespace,
    transport: deps.transport,
    clock: deps.clock,
    signal,
  }
}

function schemeOf(upstream: Upstream) {
  const scheme = AUTH_SCHEMES[upstream.auth!.type]
  if (!scheme)
    throw new EngineError(
      'UPSTREAM_AUTH',
      `Upstream ${upstream.namespace} uses authentication type "${upstream.auth!.type}", which Capstan does not support.`,
    )
  return scheme
}

export async function applyAuth(
  upstream: Upstream,
  request: MutableRequest,
  deps: RuntimeDeps,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!upstream.auth) return
  await schemeOf(upstream).apply(request, authContext(upstream, deps, signal))
}

export async function retryAuth(
  upstream: Upstream,
  request: MutableRequest,
  response: UpstreamResponse,
  deps: RuntimeDeps,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if (!upstream.auth) return false
  const scheme = schemeOf(upstream)
  if (!scheme.onUnauthorized) return false
  return scheme.onUnauthorized(
    request,
    { status: response.status, headers: response.headers },
    authContext(upstream, deps, signal),
  )
}
