/** Aggregate functions reused by REST operations and MCP tools through `ref`. */
import type { ExposeInputs } from './resolve-exposes.js'
import { asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'

/** `ref: aggregate.function` merges the function's execution fields under the tool or operation. */
export function withAggregate(
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): { spec: Record<string, unknown>; namespace?: string; semantics?: Record<string, unknown> } {
  const ref = asString(spec.ref)
  if (!ref) return { spec }
  const fn = inputs.aggregates.get(ref)
  if (!fn) {
    rc.report(
      'UNKNOWN_CALL_TARGET',
      ptr(pointer, 'ref'),
      `ref "${ref}" names no aggregate function.`,
      `Known functions: ${[...inputs.aggregates.keys()].join(', ') || '(none)'}.`,
    )
    return { spec }
  }
  const merged: Record<string, unknown> = { ...fn.spec, ...spec }
  for (const k of ['call', 'with', 'steps', 'mappings', 'outputParameters'])
    if (spec[k] === undefined && fn.spec[k] !== undefined) merged[k] = fn.spec[k]
  if (spec.inputParameters === undefined && fn.spec.inputParameters !== undefined)
    merged.inputParameters = fn.spec.inputParameters
  return {
    spec: merged,
    namespace: fn.namespace,
    ...(isRecord(fn.spec.semantics) ? { semantics: fn.spec.semantics } : {}),
  }
}
