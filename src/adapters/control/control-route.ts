/**
 * Which request targets the control surface serves. The control adapter routes with it and the
 * security wrapper claims with it, so no spelling of a path reaches one without the other.
 */

/** The control endpoints, for the start-up banner; `/traces/{id}` sits under `/traces`. */
export const CONTROL_PATHS = [
  '/health/live',
  '/health/ready',
  '/metrics',
  '/status',
  '/traces',
  '/scripting',
] as const

export interface ControlRoute {
  /** WHATWG-normalised path without trailing slashes ('/metrics', '/traces/<id>'). */
  readonly path: string
  /** Route label for logs and metrics: the endpoint, or '/traces/{id}' for one trace. */
  readonly route: string
  readonly query: URLSearchParams
}

/** The control endpoint a raw request target (`req.url`) names, or undefined when it names none. */
export function controlRoute(target: string): ControlRoute | undefined {
  let url: URL
  try {
    url = new URL(target, 'http://control')
  } catch {
    return undefined
  }
  const path = url.pathname.replace(/\/+$/, '') || '/'
  if ((CONTROL_PATHS as readonly string[]).includes(path))
    return { path, route: path, query: url.searchParams }
  if (path.startsWith('/traces/')) return { path, route: '/traces/{id}', query: url.searchParams }
  return undefined
}
