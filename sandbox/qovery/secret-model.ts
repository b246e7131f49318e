import { HttpFailure, isPlainObject } from '../http.js'
import { badRequest, forbidden } from './errors.js'
import type { QoveryPrincipal } from './auth.js'
import type { QoverySecret, QoveryService, QoveryState, SecretScope } from './state.js'

export type OwnerKind = 'project' | 'environment' | 'container' | 'job'

/** The level a secret endpoint acts on: a project, an environment or a service. */
export interface SecretOwner {
  readonly kind: OwnerKind
  readonly scope: SecretScope
  readonly level: number
  readonly projectId: string
  readonly environmentId: string | null
  readonly service: QoveryService | null
}

/** BUILT_IN (1) > PROJECT (2) > ENVIRONMENT (3) > service (4); lower number = higher scope. */
export const SCOPE_LEVEL: Readonly<Record<SecretScope, number>> = {
  BUILT_IN: 1,
  PROJECT: 2,
  ENVIRONMENT: 3,
  CONTAINER: 4,
  JOB: 4,
}

const OWNER_SCOPE: Readonly<Record<OwnerKind, SecretScope>> = {
  project: 'PROJECT',
  environment: 'ENVIRONMENT',
  container: 'CONTAINER',
  job: 'JOB',
}

/** Resolves the path id to an owner the caller can see; anything else is 403 like the real API. */
export function resolveOwner(
  state: QoveryState,
  kind: OwnerKind,
  id: string,
  principal: QoveryPrincipal,
): SecretOwner {
  let service: QoveryService | null = null
  let environmentId: string | null = null
  let projectId: string | undefined
  if (kind === 'container' || kind === 'job') {
    service = state.services.find((s) => s.id === id && s.type === kind.toUpperCase()) ?? null
    environmentId = service?.environmentId ?? null
  } else if (kind === 'environment') {
    environmentId = state.environments.some((e) => e.id === id) ? id : null
  } else {
    projectId = state.projects.some((p) => p.id === id) ? id : undefined
  }
  if (environmentId) projectId = state.environments.find((e) => e.id === environmentId)?.projectId
  const project = state.projects.find((p) => p.id === projectId)
  if (!project || !principal.organizationIds.includes(project.organizationId)) {
    throw new HttpFailure(forbidden())
  }
  const scope = OWNER_SCOPE[kind]
  return { kind, scope, level: SCOPE_LEVEL[scope], projectId: project.id, environmentId, service }
}

function serviceOf(state: QoveryState, id: string | null): QoveryService | undefined {
  return id ? state.services.find((s) => s.id === id) : undefined
}

/** Every secret the owner sees: its own plus those inherited from higher scopes. */
export function visibleSecrets(state: QoveryState, owner: SecretOwner): QoverySecret[] {
  const list = state.secrets.filter((s) => {
    switch (s.scope) {
      case 'PROJECT':
        return s.projectId === owner.projectId
      case 'ENVIRONMENT':
        return owner.kind !== 'project' && s.environmentId === owner.environmentId
      case 'BUILT_IN':
        if (owner.kind === 'project' || s.environmentId !== owner.environmentId) return false
        return (
          serviceOf(state, s.serviceId)?.type === 'DATABASE' ||
          (owner.service !== null && s.serviceId === owner.service.id)
        )
      default:
        return owner.service !== null && s.serviceId === owner.service.id
    }
  })
  return list.sort(
    (a, b) =>
      SCOPE_LEVEL[a.scope] - SCOPE_LEVEL[b.scope] ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      a.created_at.localeCompare(b.created_at),
  )
}

export function isOwnedBy(s: QoverySecret, owner: SecretOwner): boolean {
  if (s.scope !== owner.scope) return false
  if (owner.kind === 'project') return s.projectId === owner.projectId
  if (owner.kind === 'environment') return s.environmentId === owner.environmentId
  return s.serviceId === owner.service?.id
}

function summary(s: QoverySecret): Record<string, unknown> {
  return {
    id: s.id,
    key: s.key,
    mount_path: s.mount_path ?? '',
    scope: s.scope,
    variable_type: s.variable_type,
    description: s.description,
    enable_interpolation_in_file: s.enable_interpolation_in_file,
  }
}

/** The wire shape of a Secret: never a `value`, never a top-level `mount_path`. */
export function presentSecret(state: QoveryState, s: QoverySecret): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    created_at: s.created_at,
    updated_at: s.updated_at,
    key: s.key,
    scope: s.scope,
    variable_type: s.variable_type,
  }
  const parent = s.parentId ? state.secrets.find((p) => p.id === s.parentId) : undefined
  if (parent && s.variable_type === 'OVERRIDE') out.overridden_secret = summary(parent)
  if (parent && s.variable_type === 'ALIAS') out.aliased_secret = summary(parent)
  const service = serviceOf(state, s.serviceId)
  if (service) {
    out.service_id = service.id
    out.service_name = service.name
    out.service_type = service.type
  }
  out.owned_by = s.owned_by
  out.description = s.description
  out.enable_interpolation_in_file = s.enable_interpolation_in_file
  return out
}

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/

export function requireBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw new HttpFailure(badRequest('request body must be a JSON object'))
  return body
}

export function readKey(body: Record<string, unknown>): string {
  const key = body.key
  if (typeof key !== 'string' || key.length === 0) {
    throw new HttpFailure(badRequest('key is required and must be a non-empty string'))
  }
  if (!KEY_RE.test(key)) {
    throw new HttpFailure(
      badRequest(
        `key "${key}" is invalid: use letters, digits and _ and do not start with a digit`,
      ),
    )
  }
  if (key.toUpperCase().startsWith('QOVERY_')) {
    throw new HttpFailure(badRequest(`key "${key}" is reserved: QOVERY_ keys are set by Qovery`))
  }
  return key
}

export function readOptionalString(
  body: Record<string, unknown>,
  name: string,
): string | undefined {
  const v = body[name]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw new HttpFailure(badRequest(`${name} must be a string`))
  return v
}

export function readDescription(body: Record<string, unknown>): string | null | undefined {
  const v = body.description
  if (v === undefined) return undefined
  if (v === null) return null
  if (typeof v !== 'string') throw new HttpFailure(badRequest('description must be a string'))
  if (v.length > 255) {
    throw new HttpFailure(badRequest('description must be at most 255 characters'))
  }
  return v
}

export function readInterpolation(body: Record<string, unknown>): boolean | null | undefined {
  const v = body.enable_interpolation_in_file
  if (v === undefined || v === null) return v
  if (typeof v !== 'boolean') {
    throw new HttpFailure(badRequest('enable_interpolation_in_file must be a boolean'))
  }
  return v
}

/** One key per level; a key inherited from a higher scope must be overridden, not redeclared. */
export function assertKeyFree(
  state: QoveryState,
  owner: SecretOwner,
  key: string,
  exceptId?: string,
): void {
  for (const s of visibleSecrets(state, owner)) {
    if (s.key !== key || s.id === exceptId) continue
    if (isOwnedBy(s, owner)) {
      throw new HttpFailure(
        badRequest(`a secret with key "${key}" already exists at the ${owner.scope} level`),
      )
    }
    if (SCOPE_LEVEL[s.scope] < owner.level && s.variable_type !== 'BUILT_IN') {
      throw new HttpFailure(
        badRequest(
          `key "${key}" is already defined at the ${s.scope} level: create an override of secret ${s.id} instead`,
        ),
      )
    }
  }
}
