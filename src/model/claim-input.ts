/** Names fed to a consumed operation → exposed inputs, inferring the missing ones. */
import type { PlanRequest } from './build-plan.js'
import type { InputSet } from './input-set.js'
import { matchName } from './match-name.js'
import type { Slot, ValueType } from './types.js'
import type { ResolveContext } from './resolve-context.js'

export interface SlotHint {
  readonly location: Slot['location']
  readonly type: ValueType
  readonly required: boolean
  /** The consumed name being fed, for messages. */
  readonly wanted: string
}

/** Finds the exposed input for a name (exact, then tolerant) or creates an inferred one. */
export function claimInput(
  name: string,
  req: PlanRequest,
  set: InputSet,
  rc: ResolveContext,
  pointer: string,
  hint: SlotHint,
): string | undefined {
  const m = matchName(name, set.inputs.keys())
  if (m.kind === 'exact') return m.name
  if (m.kind === 'tolerant') {
    const fed = set.inputs.get(m.name)!
    const where = fed.location === 'path' ? `route variable {${m.name}}` : `input "${m.name}"`
    rc.report(
      'RULE_TOLERANT_NAME',
      pointer,
      `${req.label}: "${name}" is fed by ${where}; the names differ only in case, - or _.`,
      `Strict rewrite: use the same name on both sides, or with: {${hint.wanted}: ${req.namespace}.${m.name}}.`,
    )
    return m.name
  }
  if (m.kind === 'ambiguous') {
    rc.report(
      'AMBIGUOUS_NAME',
      pointer,
      `${req.label}: "${name}" matches several inputs: ${m.candidates.join(', ')}.`,
      'Map it explicitly with `with`, using the exact input name.',
    )
    return undefined
  }
  if (req.surface === 'rest') {
    const isBody = hint.location === 'body' || name === 'body'
    if (isBody) {
      set.add({
        name,
        location: 'body',
        type: 'object',
        required: hint.required,
        inferred: true,
        wholeBody: true,
      })
      return name
    }
    const location =
      hint.location === 'header' ? 'header' : hint.location === 'cookie' ? 'cookie' : 'query'
    const type: ValueType = hint.location === 'path' ? 'string' : hint.type
    set.add({
      name,
      location,
      type,
      required: hint.location === 'path' ? true : hint.required,
      inferred: true,
      ...(type === 'array' ? { schema: { items: { type: 'string' } } } : {}),
    })
    return name
  }
  const type: ValueType =
    hint.location === 'body' ? 'object' : hint.location === 'path' ? 'string' : hint.type
  set.add({
    name,
    location: 'argument',
    type,
    required: hint.location === 'path' ? true : hint.required,
    inferred: true,
    ...(type === 'array' ? { schema: { items: { type: 'string' } } } : {}),
  })
  return name
}
