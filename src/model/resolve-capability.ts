/**
 * One parsed document → a frozen Capability (or diagnostics). Turns every string reference into an
 * object reference and compiles templates and JSONPath once; the request path never parses.
 */
import { basename } from 'node:path'
import { hasErrors, type Diagnostic } from '../diagnostics.js'
import { resolveBinds } from './resolve-binds.js'
import { asArray, asString, isRecord, ptr, ResolveContext } from './resolve-context.js'
import { resolveExposes } from './resolve-exposes.js'
import { resolveManagement } from './resolve-management.js'
import { resolveObservability } from './resolve-observability.js'
import { resolveScripting } from './resolve-scripting.js'
import { resolveUpstreams, type ConsumesEntry } from './resolve-upstreams.js'
import type { Capability } from './types.js'

export interface ResolveOptions {
  /** --upstream NAMESPACE=URL overrides; key '*' applies to every namespace. */
  readonly upstreams?: ReadonlyMap<string, string>
}

export interface ResolveResult {
  readonly capability?: Capability
  readonly diagnostics: Diagnostic[]
}

export function resolveCapability(
  data: unknown,
  file: string,
  version: string,
  consumes: readonly ConsumesEntry[],
  options: ResolveOptions = {},
): ResolveResult {
  const rc = new ResolveContext(file)
  if (!isRecord(data)) return { diagnostics: rc.diagnostics }
  const info = isRecord(data.info) ? data.info : {}
  const capability = isRecord(data.capability) ? data.capability : {}
  const binds = resolveBinds(data, rc)
  rc.scripting = resolveScripting(capability.exposes, rc)
  const observability = resolveObservability(capability.exposes, rc)
  const management = resolveManagement(capability.exposes)
  const { upstreams, operations } = resolveUpstreams(
    consumes,
    binds,
    options.upstreams ?? new Map(),
    rc,
  )
  const aggregates = new Map<
    string,
    { spec: Record<string, unknown>; namespace: string; pointer: string }
  >()
  asArray(capability.aggregates).forEach((agg, ai) => {
    if (!isRecord(agg)) return
    const namespace = asString(agg.namespace) ?? ''
    asArray(agg.functions).forEach((fn, fi) => {
      if (!isRecord(fn) || typeof fn.name !== 'string') return
      const key = `${namespace}.${fn.name}`
      const pointer = ptr('/capability/aggregates', ai, 'functions', fi)
      if (aggregates.has(key))
        rc.report(
          'DUPLICATE_NAME',
          ptr(pointer, 'name'),
          `Aggregate function "${key}" is declared twice.`,
          'Function names must be unique within an aggregate.',
        )
      else aggregates.set(key, { spec: fn, namespace, pointer })
    })
  })
  const exposes = resolveExposes(
    capability.exposes,
    { operations, upstreams, binds, aggregates },
    rc,
  )
  if (exposes.length === 0 && data.capability !== undefined) {
    rc.report(
      'NO_EXPOSES',
      '/capability',
      'This capability exposes nothing, so serving it starts no listener.',
      'Add an exposes entry of type rest or mcp.',
    )
  }
  const diagnostics = rc.diagnostics
  if (hasErrors(diagnostics)) return { diagnostics }
  const label = asString(info.label) ?? asString(info.title) ?? basename(file)
  const result: Capability = {
    file,
    version,
    label,
    description: asString(info.description),
    binds,
    upstreams,
    exposes,
    ...(rc.scripting === undefined ? {} : { scripting: rc.scripting }),
    ...(observability === undefined ? {} : { observability }),
    ...(management === undefined ? {} : { management }),
    diagnostics,
  }
  return { capability: deepFreeze(result), diagnostics }
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value) || Object.isFrozen(value))
    return value
  seen.add(value)
  for (const v of Object.values(value as object)) deepFreeze(v, seen)
  return Object.freeze(value)
}
