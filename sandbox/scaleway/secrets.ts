import { HttpFailure, isPlainObject, isUuid, json, noContent, route } from '../http.js'
import type { EmulatorDeps } from '../emulator.js'
import {
  assertNotScheduled,
  findSecret,
  objectBody,
  paginate,
  pagination,
  projectAllowed,
  queryBool,
  scw,
  type ScwHandler,
  type ScwRequest,
} from './access.js'
import { permissionsDenied, preconditionFailed, quotasExceeded } from './errors.js'
import {
  fail,
  normalizePath,
  presentSecret,
  readEphemeralPolicy,
  readName,
  readTags,
  scwTime,
} from './model.js'
import { SECRET_TYPES, type ScalewayState, type ScwSecret, type ScwSecretType } from './state.js'

const ORDER_BY = [
  'name_asc',
  'name_desc',
  'created_at_asc',
  'created_at_desc',
  'updated_at_asc',
  'updated_at_desc',
] as const
const PRODUCTS = ['edge_services', 's2s_vpn']
export const SECRETS_PER_ORGANIZATION = 100

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function readType(value: unknown, argument = 'type'): ScwSecretType | undefined {
  if (value === undefined || value === null || value === '' || value === 'unknown_type') {
    return undefined
  }
  if (!(SECRET_TYPES as readonly unknown[]).includes(value)) {
    fail(argument, 'format', `type must be one of ${SECRET_TYPES.join(', ')}`)
  }
  return value as ScwSecretType
}

/** Secret metadata: list, create, get, update, delete, protect, unprotect, restore, add-owner. */
export function secretRoutes(deps: EmulatorDeps) {
  const st = (): ScalewayState => deps.state().scaleway
  const now = (): string => scwTime(deps.now())
  const base = '/secret-manager/v1beta1/regions/:region'

  /** Project filter shared by list, tags and types: one of organization_id/project_id. */
  const scopeFilter = (req: ScwRequest): ((s: ScwSecret) => boolean) => {
    const org = req.query.get('organization_id') || undefined
    const project = req.query.get('project_id') || undefined
    if (!org && !project) {
      fail('project_id', 'required', 'one of organization_id or project_id is required')
    }
    for (const [name, v] of [
      ['organization_id', org],
      ['project_id', project],
    ] as const) {
      if (v !== undefined && !isUuid(v)) fail(name, 'format', `${name} must be a UUID`)
    }
    if (org && org !== req.principal.organizationId)
      throw new HttpFailure(permissionsDenied('read'))
    if (project && !projectAllowed(st(), req.principal, project)) {
      throw new HttpFailure(permissionsDenied('read'))
    }
    return (s) =>
      s.region === req.params.region &&
      projectAllowed(st(), req.principal, s.project_id) &&
      (!project || s.project_id === project)
  }

  const list: ScwHandler = (req) => {
    const inScope = scopeFilter(req)
    const name = req.query.get('name') || undefined
    const path = req.query.has('path') ? normalizePath(req.query.get('path')) : undefined
    const tags = req.query.getAll('tags').filter((t) => t !== '')
    const ephemeral = queryBool(req, 'ephemeral')
    const type = readType(req.query.get('type') ?? undefined)
    const scheduled = queryBool(req, 'scheduled_for_deletion') ?? false
    const orderBy = req.query.get('order_by') || 'name_asc'
    if (!(ORDER_BY as readonly string[]).includes(orderBy)) {
      fail('order_by', 'format', `order_by must be one of ${ORDER_BY.join(', ')}`)
    }
    const { page, pageSize } = pagination(req)
    const [field, dir] = orderBy.split(/_(?=asc$|desc$)/) as [keyof ScwSecret, string]
    const matches = st()
      .secrets.filter(inScope)
      .filter((s) => (s.deletion_requested_at !== null) === scheduled)
      .filter((s) => !name || s.name.includes(name))
      .filter((s) => path === undefined || s.path === path)
      .filter((s) => tags.every((t) => s.tags.includes(t)))
      .filter((s) => ephemeral === undefined || (s.ephemeral_policy !== null) === ephemeral)
      .filter((s) => !type || s.type === type)
      .sort((a, b) => {
        const c = byteCompare(String(a[field]), String(b[field])) || byteCompare(a.id, b.id)
        return dir === 'desc' ? -c : c
      })
    return json(200, {
      secrets: paginate(matches, page, pageSize).map(presentSecret),
      total_count: matches.length,
    })
  }

  const create: ScwHandler = (req) => {
    const body = objectBody(req)
    const projectId = body.project_id
    if (projectId === undefined || projectId === null || projectId === '') {
      fail('project_id', 'required', 'project_id is required')
    }
    if (!isUuid(projectId)) fail('project_id', 'format', 'project_id must be a UUID')
    if (!projectAllowed(st(), req.principal, projectId)) {
      throw new HttpFailure(permissionsDenied('write'))
    }
    const name = readName(body.name)
    const description = body.description ?? ''
    if (typeof description !== 'string') fail('description', 'format', 'must be a string')
    if (body.protected !== undefined && typeof body.protected !== 'boolean') {
      fail('protected', 'format', 'protected must be a boolean')
    }
    const keyId = body.key_id ?? null
    if (keyId !== null && !isUuid(keyId)) fail('key_id', 'format', 'key_id must be a UUID')
    const secret: ScwSecret = {
      id: '',
      project_id: projectId,
      name,
      status: 'ready',
      created_at: '',
      updated_at: '',
      tags: readTags(body.tags),
      version_count: 0,
      description,
      managed: false,
      protected: body.protected === true,
      type: readType(body.type) ?? 'opaque',
      path: body.path === undefined || body.path === null ? '/' : normalizePath(body.path),
      ephemeral_policy: readEphemeralPolicy(body.ephemeral_policy),
      used_by: [],
      deletion_requested_at: null,
      key_id: keyId,
      region: req.params.region as string,
    }
    const org = req.principal.organizationId
    const count = st().secrets.filter((s) =>
      projectAllowed(st(), { organizationId: org }, s.project_id),
    ).length
    if (count >= SECRETS_PER_ORGANIZATION) {
      throw new HttpFailure(quotasExceeded('secrets', SECRETS_PER_ORGANIZATION, count))
    }
    const at = now()
    secret.id = deps.newId()
    secret.created_at = at
    secret.updated_at = at
    st().secrets.push(secret)
    return json(200, presentSecret(secret))
  }

  const get: ScwHandler = (req) => json(200, presentSecret(findSecret(st(), req, 'read')))

  const update: ScwHandler = (req) => {
    const s = findSecret(st(), req, 'write')
    if (!isPlainObject(req.body)) fail('body', 'required', 'a JSON object body is required')
    const body = req.body
    assertNotScheduled(s)
    // Protobuf JSON: null means "not set", so only present, non-null fields change.
    const name = body.name != null ? readName(body.name) : undefined
    const tags = body.tags != null ? readTags(body.tags) : undefined
    if (body.description != null && typeof body.description !== 'string') {
      fail('description', 'format', 'must be a string')
    }
    const path = body.path != null ? normalizePath(body.path) : undefined
    const policy =
      body.ephemeral_policy != null ? readEphemeralPolicy(body.ephemeral_policy) : undefined
    if (name !== undefined) s.name = name
    if (tags !== undefined) s.tags = tags
    if (typeof body.description === 'string') s.description = body.description
    if (path !== undefined) s.path = path
    if (policy !== undefined) s.ephemeral_policy = policy
    s.updated_at = now()
    return json(200, presentSecret(s))
  }

  const remove: ScwHandler = (req) => {
    const state = st()
    const s = findSecret(state, req, 'write')
    if (s.protected) {
      throw new HttpFailure(
        preconditionFailed('protected_resource', 'cannot delete a protected secret'),
      )
    }
    assertNotScheduled(s)
    if (s.ephemeral_policy !== null) {
      state.secrets = state.secrets.filter((x) => x !== s)
      state.versions = state.versions.filter((v) => v.secret_id !== s.id)
      return noContent()
    }
    const at = now()
    s.deletion_requested_at = at
    s.updated_at = at
    for (const v of state.versions) {
      if (v.secret_id !== s.id || (v.status !== 'enabled' && v.status !== 'disabled')) continue
      v.status_before_deletion = v.status
      v.status = 'scheduled_for_deletion'
      v.deletion_requested_at = at
      v.updated_at = at
    }
    return noContent()
  }

  const setProtected =
    (value: boolean): ScwHandler =>
    (req) => {
      const s = findSecret(st(), req, 'write')
      objectBody(req)
      assertNotScheduled(s)
      s.protected = value
      return json(200, presentSecret(s))
    }

  const restore: ScwHandler = (req) => {
    const s = findSecret(st(), req, 'write')
    objectBody(req)
    if (s.deletion_requested_at !== null) {
      const at = now()
      s.deletion_requested_at = null
      s.updated_at = at
      for (const v of st().versions) {
        if (v.secret_id !== s.id || v.status !== 'scheduled_for_deletion') continue
        v.status = v.status_before_deletion ?? 'disabled'
        v.status_before_deletion = null
        v.deletion_requested_at = null
        v.updated_at = at
      }
    }
    return json(200, presentSecret(s))
  }

  const addOwner: ScwHandler = (req) => {
    const s = findSecret(st(), req, 'write')
    const body = objectBody(req)
    if (!PRODUCTS.includes(body.product as string)) {
      fail('product', 'required', `product must be one of ${PRODUCTS.join(', ')}`)
    }
    assertNotScheduled(s)
    if (!s.used_by.includes(body.product as string)) s.used_by.push(body.product as string)
    return noContent()
  }

  const listTags: ScwHandler = (req) => {
    const inScope = scopeFilter(req)
    const { page, pageSize } = pagination(req)
    const tags = [
      ...new Set(
        st()
          .secrets.filter(inScope)
          .flatMap((s) => s.tags),
      ),
    ].sort(byteCompare)
    return json(200, { tags: paginate(tags, page, pageSize), total_count: tags.length })
  }

  const listTypes: ScwHandler = (req) => {
    const inScope = scopeFilter(req)
    const { page, pageSize } = pagination(req)
    const used = new Set(
      st()
        .secrets.filter(inScope)
        .map((s) => s.type),
    )
    const types = SECRET_TYPES.filter((t) => used.has(t))
    return json(200, { types: paginate(types, page, pageSize), total_count: types.length })
  }

  const one = `${base}/secrets/:secret_id`
  return [
    route('GET', `${base}/secrets`, scw(list)),
    route('POST', `${base}/secrets`, scw(create)),
    route('GET', one, scw(get)),
    route('PATCH', one, scw(update)),
    route('DELETE', one, scw(remove)),
    route('POST', `${one}/protect`, scw(setProtected(true))),
    route('POST', `${one}/unprotect`, scw(setProtected(false))),
    route('POST', `${one}/restore`, scw(restore)),
    route('POST', `${one}/add-owner`, scw(addOwner)),
    route('GET', `${base}/tags`, scw(listTags)),
    route('GET', `${base}/secret-types`, scw(listTypes)),
  ]
}
