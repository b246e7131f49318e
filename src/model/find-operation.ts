/** `call: namespace.operation` → the consumed operation: exact, then tolerant (compat rule 4). */
import { matchName, suggest } from './match-name.js'
import type { ConsumedOperation } from './types.js'
import type { ResolveContext } from './resolve-context.js'

export function findOperation(
  call: string,
  pointer: string,
  operations: ReadonlyMap<string, ConsumedOperation>,
  rc: ResolveContext,
): ConsumedOperation | undefined {
  const exact = operations.get(call)
  if (exact) return exact
  if (!/^[^.]+\.[^.]+$/.test(call)) {
    rc.report(
      'INVALID_CALL_FORMAT',
      pointer,
      `call "${call}" is not of the form namespace.operation.`,
      'Write call: <consumes namespace>.<operation name>.',
    )
    return undefined
  }
  const m = matchName(call, operations.keys())
  if (m.kind === 'tolerant') {
    rc.report(
      'RULE_TOLERANT_NAME',
      pointer,
      `call "${call}" matched operation "${m.name}" ignoring case, - and _.`,
      `Strict rewrite: call: ${m.name}`,
    )
    return operations.get(m.name)
  }
  const hint = suggest(call, operations.keys())
  rc.report(
    'UNKNOWN_CALL_TARGET',
    pointer,
    `call "${call}" names no consumed operation.`,
    hint.length > 0
      ? `Did you mean ${hint.map((h) => `"${h}"`).join(' or ')}?`
      : `Known operations: ${[...operations.keys()].slice(0, 10).join(', ') || '(none)'}.`,
  )
  return undefined
}
