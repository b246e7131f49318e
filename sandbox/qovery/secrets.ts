import { HttpFailure, json, noContent, route, type Reply, type RequestContext } from '../http.js'
import type { EmulatorDeps } from '../emulator.js'
import type { QoveryPrincipal } from './auth.js'
import { badRequest, notFound } from './errors.js'
import {
  assertKeyFree,
  isOwnedBy,
  presentSecret,
  readDescription,
  readInterpolation,
  readKey,
  readOptionalString,
  requireBody,
  resolveOwner,
  SCOPE_LEVEL,
  visibleSecrets,
  type OwnerKind,
  type SecretOwner,
} from './secret-model.js'
import type { QoverySecret, QoveryState } from './state.js'

export type QoveryHandler = (req: RequestContext, principal: QoveryPrincipal) => Reply

/** Qovery timestamps are RFC 3339 UTC without fractional seconds. */
export function qoveryTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const OWNER_PATHS: ReadonlyArray<[OwnerKind, string]> = [
  ['container', '/container/:ownerId/secret'],
  ['job', '/job/:ownerId/secret'],
  ['environment', '/environment/:ownerId/secret'],
  ['project', '/project/:ownerId/secret'],
]

/** Routes for container, job, environment and project secrets: one shape, four levels. */
export function secretRoutes(deps: EmulatorDeps) {
  const q = (): QoveryState => deps.state().qovery
  const now = (): string => qoveryTime(deps.now())
  const owner = (req: RequestContext, kind: OwnerKind, p: QoveryPrincipal): SecretOwner =>
    resolveOwner(q(), kind, req.params.ownerId as string, p)

  const findVisible = (o: SecretOwner, id: string): QoverySecret => {
    const s = visibleSecrets(q(), o).find((x) => x.id === id)
    if (!s) throw new HttpFailure(notFound('Secret not found'))
    return s
  }

  const findOwned = (o: SecretOwner, id: string, verb: 'edited' | 'deleted'): QoverySecret => {
    const s = findVisible(o, id)
    if (s.scope === 'BUILT_IN') {
      throw new HttpFailure(badRequest(`built-in secrets cannot be ${verb}`))
    }
    if (!isOwnedBy(s, o)) {
      throw new HttpFailure(
        badRequest(`secret ${s.id} belongs to the ${s.scope} level and can only be ${verb} there`),
      )
    }
    return s
  }

  const list =
    (kind: OwnerKind): QoveryHandler =>
    (req, p) => {
      const o = owner(req, kind, p)
      return json(200, { results: visibleSecrets(q(), o).map((s) => presentSecret(q(), s)) })
    }

  const create =
    (kind: OwnerKind): QoveryHandler =>
    (req, p) => {
      const o = owner(req, kind, p)
      const body = requireBody(req.body)
      const key = readKey(body)
      const value = readOptionalString(body, 'value') ?? ''
      const mountPath = readOptionalString(body, 'mount_path')
      const description = readDescription(body) ?? null
      const interpolation = readInterpolation(body) ?? null
      if (mountPath !== undefined && mountPath !== '' && !mountPath.startsWith('/')) {
        throw new HttpFailure(
          badRequest('mount_path must be an absolute path such as /etc/app/file'),
        )
      }
      assertKeyFree(q(), o, key)
      const isFile = mountPath !== undefined && mountPath !== ''
      const s = newSecret(o, {
        key,
        value,
        mount_path: isFile ? mountPath : null,
        description,
        enable_interpolation_in_file: interpolation,
        variable_type: isFile ? 'FILE' : 'VALUE',
        parentId: null,
      })
      q().secrets.push(s)
      return json(201, presentSecret(q(), s))
    }

  const newSecret = (
    o: SecretOwner,
    fields: Pick<
      QoverySecret,
      | 'key'
      | 'value'
      | 'mount_path'
      | 'description'
      | 'enable_interpolation_in_file'
      | 'variable_type'
      | 'parentId'
    >,
  ): QoverySecret => {
    const at = now()
    return {
      id: deps.newId(),
      created_at: at,
      updated_at: at,
      scope: o.scope,
      projectId: o.projectId,
      environmentId: o.environmentId,
      serviceId: o.service?.id ?? null,
      owned_by: 'QOVERY',
      ...fields,
    }
  }

  const edit =
    (kind: OwnerKind): QoveryHandler =>
    (req, p) => {
      const o = owner(req, kind, p)
      const s = findOwned(o, req.params.secretId as string, 'edited')
      const body = requireBody(req.body)
      const key = readKey(body)
      const value = readOptionalString(body, 'value')
      const description = readDescription(body)
      const interpolation = readInterpolation(body)
      if (s.variable_type === 'OVERRIDE' && key !== s.key) {
        throw new HttpFailure(badRequest('the key of an override cannot be changed'))
      }
      if (s.variable_type === 'ALIAS' && value !== undefined) {
        throw new HttpFailure(badRequest('the value of an alias cannot be changed'))
      }
      if (key !== s.key) assertKeyFree(q(), o, key, s.id)
      s.key = key
      if (value !== undefined) s.value = value
      if (description !== undefined) s.description = description
      if (interpolation !== undefined) s.enable_interpolation_in_file = interpolation
      s.updated_at = now()
      return json(200, presentSecret(q(), s))
    }

  const remove =
    (kind: OwnerKind): QoveryHandler =>
    (req, p) => {
      const o = owner(req, kind, p)
      const s = findOwned(o, req.params.secretId as string, 'deleted')
      // Deleting a secret also deletes every alias and override built on it, transitively.
      const doomed = new Set([s.id])
      for (let grew = true; grew;) {
        grew = false
        for (const x of q().secrets) {
          if (x.parentId && doomed.has(x.parentId) && !doomed.has(x.id)) {
            doomed.add(x.id)
            grew = true
          }
        }
      }
      const state = q()
      state.secrets = state.secrets.filter((x) => !doomed.has(x.id))
      return noContent()
    }

  const targetOf = (o: SecretOwner, id: string, what: 'alias' | 'override'): QoverySecret => {
    const target = findVisible(o, id)
    if (SCOPE_LEVEL[target.scope] >= o.level) {
      throw new HttpFailure(
        badRequest(
          `an ${what} can only be created from a higher scope than ${o.scope} (secret ${target.id} is ${target.scope})`,
        ),
      )
    }
    if (target.variable_type === 'ALIAS') {
      throw new HttpFailure(badRequest(`cannot create an ${what} of an alias`))
    }
    return target
  }

  const alias =
    (kind: OwnerKind): QoveryHandler =>
    (req, p) => {
      const o = owner(req, kind, p)
      const target = targetOf(o, req.params.secretId as string, 'alias')
      const body = requireBody(req.body)
      const key = readKey(body)
      assertKeyFree(q(), o, key)
      const s = newSecret(o, {
        key,
        value: target.value,
        mount_path: null,
        description: readDescription(body) ?? null,
        enable_interpolation_in_file: readInterpolation(body) ?? null,
        variable_type: 'ALIAS',
        parentId: target.id,
      })
      q().secrets.push(s)
      return json(201, presentSecret(q(), s))
    }

  const override =
    (kind: OwnerKind): QoveryHandler =>
    (req, p) => {
      const o = owner(req, kind, p)
      const target = targetOf(o, req.params.secretId as string, 'override')
      const body = requireBody(req.body)
      const value = readOptionalString(body, 'value') ?? ''
      const clash = visibleSecrets(q(), o).find((x) => x.key === target.key && isOwnedBy(x, o))
      if (clash) {
        throw new HttpFailure(
          badRequest(`a secret with key "${target.key}" already exists at the ${o.scope} level`),
        )
      }
      const s = newSecret(o, {
        key: target.key,
        value,
        mount_path: target.mount_path,
        description: readDescription(body) ?? null,
        enable_interpolation_in_file: readInterpolation(body) ?? null,
        variable_type: 'OVERRIDE',
        parentId: target.id,
      })
      q().secrets.push(s)
      return json(201, presentSecret(q(), s))
    }

  return OWNER_PATHS.flatMap(([kind, base]) => [
    route('GET', base, wrap(list(kind))),
    route('POST', base, wrap(create(kind))),
    route('PUT', `${base}/:secretId`, wrap(edit(kind))),
    route('DELETE', `${base}/:secretId`, wrap(remove(kind))),
    route('POST', `${base}/:secretId/alias`, wrap(alias(kind))),
    route('POST', `${base}/:secretId/override`, wrap(override(kind))),
  ])
}

/** Route handlers receive the principal through the request; see qovery/emulator.ts. */
export interface PrincipalRequest extends RequestContext {
  readonly principal: QoveryPrincipal
}

export function wrap(h: QoveryHandler) {
  return (req: RequestContext): Reply => h(req, (req as PrincipalRequest).principal)
}
