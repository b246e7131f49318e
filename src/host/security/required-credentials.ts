/**
 * Which inbound credentials a request on a surface needs: one row per surface type, each saying
 * whose exposes' authenticators apply to a path, and whether all or any one of them must pass.
 */
import type { InboundAuthenticator } from '../../adapters/inbound-auth/types.js'
import type { RouteTable } from '../../adapters/rest/route-table.js'
import type { Authentication } from '../../model/types.js'
import type { ListenerPlan } from '../plan-listeners.js'

export interface Requirement {
  readonly mode: 'all' | 'any'
  readonly list: readonly InboundAuthenticator[]
}

/** The authenticator of an expose's `authentication` (undefined: none), made once per block. */
export type AuthenticatorOf = (
  auth: Authentication | undefined,
  where: string,
) => InboundAuthenticator | undefined

type Rule = (
  listener: ListenerPlan,
  authOf: AuthenticatorOf,
  restTable: RouteTable | undefined,
) => (path: string) => Requirement

const RULES: Readonly<Record<string, Rule>> = {
  mcp: (l, authOf) => {
    const byNamespace = new Map(
      l.mcp.map((e) => [e.namespace, authOf(e.authentication, `mcp expose "${e.namespace}"`)]),
    )
    const every = all([...byNamespace.values()])
    return (path) => {
      const ns = path.startsWith('/mcp/') ? path.slice(5).replace(/\/$/, '') : undefined
      // `/mcp` serves every expose, so it demands every expose's credential.
      return ns !== undefined && byNamespace.has(ns) ? all([byNamespace.get(ns)]) : every
    }
  },
  rest: (l, authOf, table) => {
    const byExpose = new Map(
      l.rest.map((e) => [e, authOf(e.authentication, `rest expose "${e.namespace}"`)]),
    )
    const anyOne: Requirement = { mode: 'any', list: defined([...byExpose.values()]) }
    return (path) => {
      const rp = restPath(path)
      const expose = table?.match(rp)?.routes[0]?.expose ?? table?.matchForward(rp)?.expose
      return expose ? all([byExpose.get(expose)]) : anyOne
    }
  },
  skill: (l, authOf) => {
    const bySkill = new Map(
      l.skill.flatMap((e) => {
        const auth = authOf(e.authentication, `skill expose "${e.namespace}"`)
        return e.skills.map((s) => [s.name, auth] as const)
      }),
    )
    // `/skills/{name}…` needs its skill's expose credential; the catalog lists all, so needs all
    const every = all([...bySkill.values()])
    return (path) => {
      const name = /^\/skills\/([^/]+)/.exec(path)?.[1]
      const skill = name === undefined ? undefined : safeDecode(name)
      return skill !== undefined && bySkill.has(skill) ? all([bySkill.get(skill)]) : every
    }
  },
}

/** The control surface, and any surface without a row: any one control credential. */
const fallback: Rule = (l, authOf) => {
  const anyOne: Requirement = {
    mode: 'any',
    list: defined(
      l.control.map((e) => authOf(e.authentication, `control expose "${e.namespace}"`)),
    ),
  }
  return () => anyOne
}

export function requiredCredentials(
  surface: string,
  listener: ListenerPlan,
  authOf: AuthenticatorOf,
  restTable: RouteTable | undefined,
): (path: string) => Requirement {
  return (RULES[surface] ?? fallback)(listener, authOf, restTable)
}

/** The path the REST adapter routes on: the raw target path, with a leading slash. */
export function restPath(pathname: string): string {
  return pathname.startsWith('/') ? pathname : `/${pathname}`
}

const all = (xs: (InboundAuthenticator | undefined)[]): Requirement => ({
  mode: 'all',
  list: defined(xs),
})

function defined(xs: (InboundAuthenticator | undefined)[]): InboundAuthenticator[] {
  return [...new Set(xs.filter((a): a is InboundAuthenticator => a !== undefined))]
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
