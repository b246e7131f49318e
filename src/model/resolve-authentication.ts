/** Inbound authentication, shared by every expose type. */
import type { ExposeInputs } from './resolve-exposes.js'
import { checkBound } from './resolve-upstreams.js'
import type { Authentication, Template } from './types.js'
import { asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'

/** An expose's inbound `authentication`, its secret fields checked against the declared binds. */
export function resolveAuthentication(
  expose: Record<string, unknown>,
  exposePointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): Authentication | undefined {
  const raw = expose.authentication
  const pointer = ptr(exposePointer, 'authentication')
  const binds = inputs.binds
  if (!isRecord(raw)) return undefined
  const fields: Record<string, Template> = {}
  const options: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'type') continue
    if (typeof v === 'string' && ['token', 'username', 'password', 'key', 'value'].includes(k)) {
      const t = rc.template(v, ptr(pointer, k))
      checkBound(t, binds, ptr(pointer, k), rc)
      fields[k] = t
    } else options[k] = v
  }
  return { type: asString(raw.type) ?? '', fields, options }
}
