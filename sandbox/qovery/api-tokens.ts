import { HttpFailure, isUuid, json, noContent, route, type RequestContext } from '../http.js'
import type { EmulatorDeps } from '../emulator.js'
import { sha256, type QoveryPrincipal } from './auth.js'
import { badRequest, forbidden, notFound, qoveryError } from './errors.js'
import { qoveryTime, wrap, type QoveryHandler } from './secrets.js'
import { readDescription, requireBody } from './secret-model.js'
import type { QoveryApiToken, QoveryState } from './state.js'

function present(t: QoveryApiToken): Record<string, unknown> {
  return {
    id: t.id,
    created_at: t.created_at,
    updated_at: t.updated_at,
    name: t.name,
    description: t.description,
    role_name: t.role_name,
    role_id: t.role_id,
  }
}

/** Organization API tokens: list (filters), create (token shown once), delete. */
export function apiTokenRoutes(deps: EmulatorDeps) {
  const q = (): QoveryState => deps.state().qovery
  const base = '/organization/:organizationId/apiToken'

  const organization = (req: RequestContext, p: QoveryPrincipal): string => {
    const id = req.params.organizationId as string
    const org = q().organizations.find((o) => o.id === id)
    if (!org || !p.organizationIds.includes(org.id)) throw new HttpFailure(forbidden())
    return org.id
  }

  const list: QoveryHandler = (req, p) => {
    const orgId = organization(req, p)
    const name = req.query.get('name')?.toLowerCase()
    const creator = req.query.get('creatorName')?.toLowerCase()
    const results = q()
      .apiTokens.filter((t) => t.organizationId === orgId)
      .filter((t) => !name || t.name.toLowerCase().includes(name))
      .filter((t) => !creator || t.creatorName.toLowerCase().includes(creator))
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.name.localeCompare(b.name))
      .map(present)
    return json(200, { results })
  }

  const create: QoveryHandler = (req, p) => {
    const orgId = organization(req, p)
    const body = requireBody(req.body)
    const name = body.name
    if (typeof name !== 'string' || name.trim() === '') {
      throw new HttpFailure(badRequest('name is required and must be a non-empty string'))
    }
    if (!('role_id' in body)) {
      throw new HttpFailure(badRequest('role_id is required (it may be null for the admin role)'))
    }
    const roles = q().roles.filter((r) => r.organizationId === orgId)
    const roleId = body.role_id
    const role =
      roleId === null
        ? roles.find((r) => r.name === 'admin')
        : roles.find((r) => isUuid(roleId) && r.id === roleId)
    if (!role) {
      throw new HttpFailure(
        badRequest(`role_id ${JSON.stringify(roleId)} is not a role of this organization`),
      )
    }
    if (body.scope !== undefined && body.scope !== null && body.scope !== 'ADMIN') {
      throw new HttpFailure(badRequest('scope must be ADMIN or null'))
    }
    const description = readDescription(body) ?? ''
    if (q().apiTokens.some((t) => t.organizationId === orgId && t.name === name)) {
      return qoveryError(409, 'Organization Api Token name is already taken')
    }
    const at = qoveryTime(deps.now())
    const id = deps.newId()
    const secret = `qov_${deps.newId().replace(/-/g, '')}${deps.newId().replace(/-/g, '')}`
    const token: QoveryApiToken = {
      id,
      organizationId: orgId,
      created_at: at,
      updated_at: at,
      name,
      description,
      role_id: roleId === null ? null : role.id,
      role_name: role.name,
      creatorName: p.name,
      tokenSha256: sha256(secret),
    }
    q().apiTokens.push(token)
    return json(201, { ...present(token), token: secret })
  }

  const remove: QoveryHandler = (req, p) => {
    const orgId = organization(req, p)
    const id = req.params.apiTokenId as string
    const state = q()
    const found = state.apiTokens.find((t) => t.id === id && t.organizationId === orgId)
    if (!found) throw new HttpFailure(notFound('Organization Api Token not found'))
    state.apiTokens = state.apiTokens.filter((t) => t !== found)
    return noContent()
  }

  return [
    route('GET', base, wrap(list)),
    route('POST', base, wrap(create)),
    route('DELETE', `${base}/:apiTokenId`, wrap(remove)),
  ]
}
