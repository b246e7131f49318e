import { HttpFailure, isPlainObject, json, noContent, route, type Reply } from '../http.js'
import type { EmulatorDeps } from '../emulator.js'
import {
  assertNotScheduled,
  findSecret,
  objectBody,
  paginate,
  pagination,
  scw,
  type ScwHandler,
  type ScwRequest,
} from './access.js'
import { notFound, preconditionFailed, quotasExceeded } from './errors.js'
import { crc32, durationSeconds, fail, presentVersion, scwTime, validatePayload } from './model.js'
import type { ScalewayState, ScwSecret, ScwVersion, ScwVersionStatus } from './state.js'

export const VERSIONS_PER_SECRET = 20
const MAX_PAYLOAD_BYTES = 64 * 1024
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const STATUSES: readonly ScwVersionStatus[] = [
  'enabled',
  'disabled',
  'scheduled_for_deletion',
  'deleted',
]

const notUsable = (help: string): HttpFailure =>
  new HttpFailure(preconditionFailed('resource_not_usable', help))

/** Secret versions: list, create, get, update, delete, access, enable, disable, restore. */
export function versionRoutes(deps: EmulatorDeps) {
  const st = (): ScalewayState => deps.state().scaleway
  const now = (): string => scwTime(deps.now())

  const versionsOf = (s: ScwSecret): ScwVersion[] =>
    st()
      .versions.filter((v) => v.secret_id === s.id)
      .sort((a, b) => b.revision - a.revision)

  const show = (s: ScwSecret, v: ScwVersion): Record<string, unknown> =>
    presentVersion(v, versionsOf(s)[0]?.revision === v.revision)

  /** `{revision}` is a number, `latest` or `latest_enabled`. */
  const resolve = (s: ScwSecret, req: ScwRequest): ScwVersion => {
    const rev = req.params.revision as string
    const all = versionsOf(s)
    let found: ScwVersion | undefined
    if (rev === 'latest') found = all[0]
    else if (rev === 'latest_enabled') found = all.find((v) => v.status === 'enabled')
    else if (/^\d+$/.test(rev)) found = all.find((v) => v.revision === Number(rev))
    else fail('revision', 'format', 'revision must be a number, latest or latest_enabled')
    if (!found) throw new HttpFailure(notFound('secret_version', rev))
    return found
  }

  const target = (req: ScwRequest, action: 'read' | 'write') => {
    const s = findSecret(st(), req, action)
    return { s, v: resolve(s, req) }
  }

  /** Applies an ephemeral version's action: disable it, or delete it for good. */
  const expire = (v: ScwVersion, at: string): void => {
    if (v.ephemeral_properties?.action === 'delete') {
      v.status = 'deleted'
      v.deleted_at = at
      v.data = ''
    } else {
      v.status = 'disabled'
    }
    v.updated_at = at
  }

  const list: ScwHandler = (req) => {
    const s = findSecret(st(), req, 'read')
    const statuses = req.query.getAll('status').filter((x) => x !== '' && x !== 'unknown_status')
    for (const x of statuses) {
      if (!STATUSES.includes(x as ScwVersionStatus)) {
        fail('status', 'format', `status must be one of ${STATUSES.join(', ')}`)
      }
    }
    const { page, pageSize } = pagination(req)
    const all = versionsOf(s)
    const matches = all.filter((v) => statuses.length === 0 || statuses.includes(v.status))
    return json(200, {
      versions: paginate(matches, page, pageSize).map((v) =>
        presentVersion(v, v.revision === all[0]?.revision),
      ),
      total_count: matches.length,
    })
  }

  const create: ScwHandler = (req) => {
    const s = findSecret(st(), req, 'write')
    if (!isPlainObject(req.body)) fail('body', 'required', 'a JSON object body is required')
    const body = req.body
    assertNotScheduled(s)
    if (typeof body.data !== 'string' || body.data === '') {
      fail('data', 'required', 'data (base64) is required')
    }
    if (!BASE64_RE.test(body.data)) fail('data', 'format', 'data must be base64-encoded')
    const bytes = Buffer.from(body.data, 'base64')
    if (bytes.length > MAX_PAYLOAD_BYTES) {
      fail('data', 'constraint', 'data must be at most 64 KiB once decoded')
    }
    validatePayload(s.type, bytes)
    const crc = body.data_crc32
    if (crc !== undefined && crc !== null) {
      if (typeof crc !== 'number' || !Number.isInteger(crc)) {
        fail('data_crc32', 'format', 'data_crc32 must be an integer')
      }
      if (crc !== crc32(bytes)) fail('data_crc32', 'constraint', 'data_crc32 does not match data')
    }
    if (body.description != null && typeof body.description !== 'string') {
      fail('description', 'format', 'description must be a string')
    }
    const live = versionsOf(s).filter((v) => v.status !== 'deleted')
    if (live.length >= VERSIONS_PER_SECRET) {
      throw new HttpFailure(quotasExceeded('secret_versions', VERSIONS_PER_SECRET, live.length))
    }
    const date = deps.now()
    const at = scwTime(date)
    const previous = versionsOf(s)[0]
    if (body.disable_previous === true && previous?.status === 'enabled') {
      previous.status = 'disabled'
      previous.updated_at = at
    }
    const policy = s.ephemeral_policy
    const v: ScwVersion = {
      secret_id: s.id,
      revision: s.version_count + 1,
      status: 'enabled',
      created_at: at,
      updated_at: at,
      deleted_at: null,
      description: (body.description as string | null | undefined) ?? null,
      ephemeral_properties: policy
        ? {
            expires_at: policy.time_to_live
              ? scwTime(new Date(date.getTime() + durationSeconds(policy.time_to_live) * 1000))
              : null,
            expires_once_accessed: policy.expires_once_accessed,
            action: policy.action,
          }
        : null,
      deletion_requested_at: null,
      region: s.region,
      data: bytes.toString('base64'),
      data_crc32: typeof crc === 'number' ? crc : null,
      status_before_deletion: null,
    }
    st().versions.push(v)
    s.version_count += 1
    s.updated_at = at
    return json(200, show(s, v))
  }

  const get: ScwHandler = (req) => {
    const { s, v } = target(req, 'read')
    return json(200, show(s, v))
  }

  const update: ScwHandler = (req) => {
    const { s, v } = target(req, 'write')
    if (!isPlainObject(req.body)) fail('body', 'required', 'a JSON object body is required')
    const body = req.body
    assertNotScheduled(s)
    if (v.status === 'scheduled_for_deletion' || v.status === 'deleted') {
      throw notUsable(`version ${v.revision} is ${v.status}`)
    }
    if (body.description != null) {
      if (typeof body.description !== 'string') fail('description', 'format', 'must be a string')
      v.description = body.description
    }
    if (body.ephemeral_properties != null) {
      const e = body.ephemeral_properties
      if (!isPlainObject(e)) fail('ephemeral_properties', 'format', 'must be an object')
      v.ephemeral_properties = {
        expires_at: typeof e.expires_at === 'string' ? e.expires_at : null,
        expires_once_accessed:
          typeof e.expires_once_accessed === 'boolean' ? e.expires_once_accessed : null,
        action: e.action === 'delete' || e.action === 'disable' ? e.action : 'unknown_action',
      }
    }
    v.updated_at = now()
    return json(200, show(s, v))
  }

  const remove: ScwHandler = (req) => {
    const { s, v } = target(req, 'write')
    assertNotScheduled(s)
    if (v.status !== 'enabled' && v.status !== 'disabled') {
      throw notUsable(`version ${v.revision} is already ${v.status}`)
    }
    const at = now()
    v.status_before_deletion = v.status
    v.status = 'scheduled_for_deletion'
    v.deletion_requested_at = at
    v.updated_at = at
    return noContent()
  }

  const access: ScwHandler = (req) => {
    const { s, v } = target(req, 'read')
    assertNotScheduled(s)
    const at = now()
    const expiresAt = v.ephemeral_properties?.expires_at
    if (v.status === 'enabled' && expiresAt && expiresAt <= at) expire(v, at)
    if (v.status !== 'enabled') throw notUsable(`version ${v.revision} is ${v.status}`)
    const reply: Reply = json(200, {
      secret_id: s.id,
      revision: v.revision,
      data: v.data,
      data_crc32: v.data_crc32,
      type: s.type,
    })
    if (v.ephemeral_properties?.expires_once_accessed) expire(v, at)
    return reply
  }

  const setEnabled =
    (enabled: boolean): ScwHandler =>
    (req) => {
      const { s, v } = target(req, 'write')
      objectBody(req)
      assertNotScheduled(s)
      if (v.status !== 'enabled' && v.status !== 'disabled') {
        throw notUsable(`version ${v.revision} is ${v.status}`)
      }
      const wanted: ScwVersionStatus = enabled ? 'enabled' : 'disabled'
      if (v.status !== wanted) {
        v.status = wanted
        v.updated_at = now()
      }
      return json(200, show(s, v))
    }

  const restore: ScwHandler = (req) => {
    const { s, v } = target(req, 'write')
    objectBody(req)
    assertNotScheduled(s)
    if (v.status === 'deleted') throw notUsable(`version ${v.revision} is permanently deleted`)
    if (v.status === 'scheduled_for_deletion') {
      v.status = v.status_before_deletion ?? 'disabled'
      v.status_before_deletion = null
      v.deletion_requested_at = null
      v.updated_at = now()
    }
    return json(200, show(s, v))
  }

  const base = '/secret-manager/v1beta1/regions/:region/secrets/:secret_id/versions'
  const one = `${base}/:revision`
  return [
    route('GET', base, scw(list)),
    route('POST', base, scw(create)),
    route('GET', one, scw(get)),
    route('PATCH', one, scw(update)),
    route('DELETE', one, scw(remove)),
    route('GET', `${one}/access`, scw(access)),
    route('POST', `${one}/enable`, scw(setEnabled(true))),
    route('POST', `${one}/disable`, scw(setEnabled(false))),
    route('POST', `${one}/restore`, scw(restore)),
  ]
}
