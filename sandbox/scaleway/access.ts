import { HttpFailure, isPlainObject, isUuid, type Reply, type RequestContext } from '../http.js'
import { notFound, permissionsDenied, preconditionFailed } from './errors.js'
import { fail } from './model.js'
import type { ScalewayState, ScwSecret } from './state.js'

export interface ScwPrincipal {
  readonly organizationId: string
}

export interface ScwRequest extends RequestContext {
  readonly principal: ScwPrincipal
}

export type ScwHandler = (req: ScwRequest) => Reply

export function projectAllowed(state: ScalewayState, p: ScwPrincipal, projectId: string): boolean {
  const project = state.projects.find((x) => x.id === projectId)
  return project !== undefined && project.organization_id === p.organizationId
}

/** Resolves `{secret_id}`: 400 if malformed, 404 if unknown in this region, 403 if not yours. */
export function findSecret(
  state: ScalewayState,
  req: ScwRequest,
  action: 'read' | 'write',
): ScwSecret {
  const id = req.params.secret_id as string
  if (!isUuid(id)) fail('secret_id', 'format', 'secret_id must be a UUID')
  const s = state.secrets.find((x) => x.id === id && x.region === req.params.region)
  if (!s) throw new HttpFailure(notFound('secret', id))
  if (!projectAllowed(state, req.principal, s.project_id)) {
    throw new HttpFailure(permissionsDenied(action))
  }
  return s
}

/** Mutations other than restore are refused while a secret waits for deletion. */
export function assertNotScheduled(s: ScwSecret): void {
  if (s.deletion_requested_at !== null) {
    throw new HttpFailure(
      preconditionFailed(
        'resource_not_usable',
        'secret is scheduled for deletion: restore it first',
      ),
    )
  }
}

/** POST actions take a JSON object body; a missing body is read as `{}`. */
export function objectBody(req: RequestContext): Record<string, unknown> {
  if (req.body === undefined) return {}
  if (!isPlainObject(req.body)) fail('body', 'format', 'request body must be a JSON object')
  return req.body
}

export function queryBool(req: RequestContext, name: string): boolean | undefined {
  const v = req.query.get(name)
  if (v === null || v === '') return undefined
  if (v === 'true') return true
  if (v === 'false') return false
  return fail(name, 'format', `${name} must be true or false`)
}

export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 50

export function pagination(req: RequestContext): { page: number; pageSize: number } {
  const read = (name: string, dflt: number, max: number): number => {
    const raw = req.query.get(name)
    if (raw === null || raw === '') return dflt
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN
    if (!Number.isSafeInteger(n) || n < 1 || n > max) {
      fail(name, 'constraint', `${name} must be an integer between 1 and ${max}`)
    }
    return n
  }
  return {
    page: read('page', 1, 1_000_000),
    pageSize: read('page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  }
}

export function paginate<T>(items: readonly T[], page: number, pageSize: number): T[] {
  return items.slice((page - 1) * pageSize, page * pageSize)
}

/** Adapts a Scaleway handler to the router; the emulator attaches the principal first. */
export function scw(h: ScwHandler) {
  return (req: RequestContext): Reply => h(req as ScwRequest)
}
