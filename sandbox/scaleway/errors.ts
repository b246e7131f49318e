import { json, type Reply } from '../http.js'

/** Scaleway error bodies come out with keys in alphabetical order, nested ones included. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort())
      out[k] = sorted((value as Record<string, unknown>)[k])
    return out
  }
  return value
}

export function scwError(status: number, body: Record<string, unknown>): Reply {
  return json(status, sorted(body))
}

export interface ArgumentDetail {
  argument_name: string
  reason: 'unknown' | 'required' | 'format' | 'constraint'
  help_message: string
}

export function invalidArguments(...details: ArgumentDetail[]): Reply {
  return scwError(400, { details, message: 'invalid argument(s)', type: 'invalid_arguments' })
}

export function invalidArgument(
  argument_name: string,
  reason: ArgumentDetail['reason'],
  help: string,
): Reply {
  return invalidArguments({
    argument_name,
    reason,
    help_message: `- ${reason === 'required' ? 'required' : 'invalid'}: ${help}\n`,
  })
}

export function notFound(resource: string, resourceId: string): Reply {
  return scwError(404, {
    message: 'resource is not found',
    resource,
    resource_id: resourceId,
    type: 'not_found',
  })
}

export function deniedAuthentication(method: string, reason: string): Reply {
  return scwError(401, {
    message: 'authentication is denied',
    method,
    reason,
    type: 'denied_authentication',
  })
}

export function permissionsDenied(action: 'read' | 'write'): Reply {
  return scwError(403, {
    details: [{ action, resource: 'secret_manager' }],
    message: 'insufficient permissions',
    type: 'permissions_denied',
  })
}

export function preconditionFailed(precondition: string, help: string): Reply {
  return scwError(412, {
    help_message: help,
    message: 'precondition is not respected',
    precondition,
    type: 'precondition_failed',
  })
}

export function quotasExceeded(resource: string, quota: number, current: number): Reply {
  return scwError(403, {
    details: [{ current, quota, resource }],
    message: 'quota(s) exceeded for this resource',
    type: 'quotas_exceeded',
  })
}
