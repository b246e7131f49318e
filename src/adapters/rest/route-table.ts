/** REST routes compiled once: segment matchers, most literal segments first, then declaration order. */
import type { RestExpose, RestForward, RestOperation } from '../../model/types.js'

export interface Route {
  readonly operation: RestOperation
  readonly expose: RestExpose
  readonly segments: readonly ({ literal: string } | { variable: string })[]
  /** The path with variables blanked: routes of one shape differ only by method. */
  readonly shape: string
  /** `METHOD /path`, the route's name in logs and metrics. */
  readonly label: string
  /** Whether an input comes from the request body (else a body is only read to be refused). */
  readonly needsBody: boolean
}

export interface RouteMatch {
  readonly routes: readonly Route[]
  readonly params: Readonly<Record<string, string>>
}

export interface RouteTable {
  match(pathname: string): RouteMatch | undefined
  matchForward(
    pathname: string,
  ): { forward: RestForward; expose: RestExpose; rest: string } | undefined
  readonly all: readonly Route[]
}

export function createRouteTable(exposes: readonly RestExpose[]): RouteTable {
  const all: Route[] = []
  for (const expose of exposes)
    for (const operation of expose.operations) {
      const segments = compile(operation.path)
      all.push({
        operation,
        expose,
        segments,
        shape: segments.map((s) => ('literal' in s ? s.literal : '{}')).join('/'),
        label: `${operation.method} ${operation.path}`,
        needsBody: operation.plan.inputs.some((i) => i.location === 'body'),
      })
    }
  const byLength = new Map<number, Route[]>()
  for (const r of all) {
    const list = byLength.get(r.segments.length) ?? []
    list.push(r)
    byLength.set(r.segments.length, list)
  }
  for (const list of byLength.values()) list.sort((a, b) => literals(b) - literals(a))
  const forwards = exposes.flatMap((expose) =>
    expose.forwards.map((forward) => ({
      forward,
      expose,
      prefix: forward.path.replace(/\{path\}$/, '').replace(/\/+$/, ''),
    })),
  )
  return {
    all,
    match(pathname) {
      const parts = split(pathname)
      const candidates = byLength.get(parts.length)
      if (!candidates) return undefined
      let found: { routes: Route[]; params: Record<string, string>; shape: string } | undefined
      for (const route of candidates) {
        const params = matchSegments(route, parts)
        if (!params) continue
        if (!found) found = { routes: [route], params, shape: route.shape }
        else if (found.shape === route.shape) found.routes.push(route)
      }
      return found
    },
    matchForward(pathname) {
      for (const f of forwards) {
        if (pathname === f.prefix || pathname.startsWith(f.prefix + '/'))
          return { forward: f.forward, expose: f.expose, rest: pathname.slice(f.prefix.length + 1) }
      }
      return undefined
    },
  }
}

function compile(path: string): Route['segments'] {
  return split(path).map((s) => {
    const m = /^\{([^}]+)\}$/.exec(s)
    return m ? { variable: m[1]! } : { literal: s }
  })
}

function split(pathname: string): string[] {
  // runs per request: a loop over leading slashes instead of a regex replace
  let start = 0
  while (pathname.charCodeAt(start) === 47) start++
  if (start === pathname.length) return []
  return (start === 0 ? pathname : pathname.slice(start)).split('/')
}

function literals(r: Route): number {
  return r.segments.filter((s) => 'literal' in s).length
}

function matchSegments(route: Route, parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    const seg = route.segments[i]!
    const part = parts[i]!
    if ('literal' in seg) {
      if (seg.literal !== part) return undefined
    } else {
      if (part === '') return undefined
      params[seg.variable] = part
    }
  }
  return params
}
