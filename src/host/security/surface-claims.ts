/**
 * Which request targets each surface serves: the security wrapper applies Host/Origin allow-lists,
 * CORS and inbound authentication to exactly these, so each row asks the adapter's own routing.
 * A new surface type is a row here; without one, its described paths are claimed.
 */
import { controlRoute } from '../../adapters/control/control-route.js'
import { MOUNT as MCP_MOUNT } from '../../adapters/mcp/mcp-http-adapter.js'
import { SKILLS_MOUNT } from '../../adapters/skill/skill-adapter.js'

export interface ClaimRequest {
  /** The raw request target (`req.url`), query included. */
  readonly target: string
  /** The target up to '?', without normalisation: the path REST and MCP route on. */
  readonly pathname: string
}

/** True when the surface would take this request. */
export type SurfaceClaim = (request: ClaimRequest) => boolean

const CLAIMS: Readonly<Record<string, SurfaceClaim>> = {
  // REST answers every path, its 404 included.
  rest: () => true,
  control: (r) => controlRoute(r.target) !== undefined,
  // The mount and every sub-path (routeFor in mcp-http-adapter.ts takes a subset; the rest get 404 after the checks).
  mcp: (r) => r.pathname === MCP_MOUNT || r.pathname.startsWith(`${MCP_MOUNT}/`),
  skill: (r) => r.pathname === SKILLS_MOUNT || r.pathname.startsWith(`${SKILLS_MOUNT}/`),
}

/** The claim of a surface type; `described` (paths, method prefixes removed) is the fallback. */
export function surfaceClaim(type: string, described: readonly string[]): SurfaceClaim {
  const own = CLAIMS[type]
  if (own !== undefined) return own
  const paths = new Set(described.map(trimSlashes))
  return (r) => paths.has(trimSlashes(r.pathname))
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '') || '/'
}
