/** A consumed operation's request slots, each bound to a `with` value or an exposed input. */
import type { PlanRequest } from './build-plan.js'
import { claimInput, type SlotHint } from './claim-input.js'
import type { InputSet } from './input-set.js'
import { matchName } from './match-name.js'
import type { ConsumedOperation, Slot, ValueSource } from './types.js'
import { ptr, type ResolveContext } from './resolve-context.js'
import type { WithEntry } from './resolve-with.js'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

/** The slots of a request, and the `in: body` parameters that feed its body template instead. */
export interface BoundSlots {
  readonly slots: Slot[]
  /** Template-context entries for `in: body` parameters fed from an input of another name. */
  readonly bodyFeeds: WithEntry[]
}

/** Every slot of the upstream request: upstream-level parameters, path placeholders, declared params, body. */
export function bindSlots(
  target: ConsumedOperation,
  req: PlanRequest,
  set: InputSet,
  withEntries: readonly WithEntry[],
  rc: ResolveContext,
  /** The entries of this call's own `with` map: each one that feeds nothing gets a warning. */
  ownWith: readonly WithEntry[] = withEntries,
): BoundSlots {
  const slots: Slot[] = [...target.upstream.slots]
  const bodyFeeds: WithEntry[] = []
  const withNames = withEntries.map((w) => w.name)
  const usedWith = new Set<string>()
  const sourceFor = (name: string, hint: SlotHint, pointer: string): ValueSource | undefined => {
    const m = matchName(name, withNames)
    if (m.kind === 'exact' || m.kind === 'tolerant') {
      usedWith.add(m.name)
      if (m.kind === 'tolerant')
        rc.report(
          'RULE_TOLERANT_NAME',
          ptr(req.pointer, 'with', m.name),
          `${req.label}: with key "${m.name}" feeds consumed "${name}"; the names differ only in case, - or _.`,
          `Strict rewrite: with: {${name}: …}`,
        )
      return withEntries.find((w) => w.name === m.name)!.source
    }
    const input = claimInput(name, req, set, rc, pointer, hint)
    return input ? { kind: 'input', input } : undefined
  }
  const declaredByName = new Map(target.declared.map((d) => [`${d.location}:${d.name}`, d]))
  const opPointer = ptr(req.pointer, 'call')
  for (const part of target.path) {
    if (part.kind !== 'param') continue
    const declared = declaredByName.get(`path:${part.name}`)
    const source = declared?.value
      ? ({ kind: 'template', template: declared.value } as const)
      : sourceFor(
          part.name,
          { location: 'path', type: 'string', required: true, wanted: part.name },
          opPointer,
        )
    if (source)
      slots.push({ location: 'path', name: part.name, source, required: true, type: 'string' })
  }
  let hasBodySlot = false
  for (const d of target.declared) {
    if (d.location === 'path' || d.location === 'environment') continue
    const source = d.value
      ? ({ kind: 'template', template: d.value } as const)
      : sourceFor(
          d.name,
          { location: d.location, type: d.type, required: d.required, wanted: d.name },
          opPointer,
        )
    if (d.location === 'body') {
      if (target.body || hasBodySlot) {
        // With a body template, in: body parameters only feed the template context.
        if (
          source &&
          !withNames.includes(d.name) &&
          source.kind === 'input' &&
          source.input !== d.name
        )
          bodyFeeds.push({ name: d.name, source })
        continue
      }
      if (source) {
        hasBodySlot = true
        slots.push({ location: 'body', name: d.name, source, required: d.required, type: d.type })
        rc.report(
          'RULE_BODY_PARAMETER',
          opPointer,
          `${req.label}: consumed parameter "${d.name}" (in: body) is sent as the request body (the Java engine sends no body without a body template).`,
          `Strict rewrite: add to operation ${target.id}: body: {type: json, data: "{{${d.name}}}"}`,
        )
      }
      continue
    }
    if (source)
      slots.push({
        location: d.location,
        name: d.name,
        source,
        required: d.required && !d.value,
        type: d.type,
      })
  }
  if (
    !target.body &&
    !hasBodySlot &&
    req.surface === 'rest' &&
    req.method &&
    BODY_METHODS.has(req.method) &&
    BODY_METHODS.has(target.method) &&
    withEntries.length === 0
  ) {
    const input = claimInput('body', req, set, rc, opPointer, {
      location: 'body',
      type: 'object',
      required: false,
      wanted: 'body',
    })
    if (input)
      slots.push({
        location: 'body',
        name: 'body',
        source: { kind: 'input', input },
        required: false,
        type: 'object',
      })
  }
  // Variables of a body template that nothing supplies become inputs.
  const known = new Set([
    ...set.inputs.keys(),
    ...withEntries.map((w) => w.name),
    ...bodyFeeds.map((w) => w.name),
    ...req.binds.flatMap((b) => [b.variable, b.namespace]),
  ])
  const templateVars = target.body?.kind === 'text' ? target.body.template.variables : []
  for (const v of templateVars) {
    const root = v.split('.')[0]!
    if (!known.has(v) && !known.has(root))
      claimInput(root, req, set, rc, opPointer, {
        location: 'query',
        type: 'string',
        required: false,
        wanted: root,
      })
  }
  reportUnusedWith(target, req, ownWith, usedWith, rc)
  return { slots, bodyFeeds }
}

/**
 * A `with` key that no slot takes and no template of the consumed operation reads is not sent;
 * the Java engine drops it silently too, so the author is told.
 */
function reportUnusedWith(
  target: ConsumedOperation,
  req: PlanRequest,
  ownWith: readonly WithEntry[],
  usedWith: ReadonlySet<string>,
  rc: ResolveContext,
): void {
  // structured JSON and form bodies read their context by any name: nothing can be ruled out
  if (ownWith.length === 0 || (target.body && target.body.kind !== 'text')) return
  const templates = [
    target.upstream.baseUri,
    ...(target.body?.kind === 'text' ? [target.body.template] : []),
    ...target.declared.flatMap((d) => (d.value ? [d.value] : [])),
    ...target.upstream.slots.flatMap((s) =>
      s.source.kind === 'template' ? [s.source.template] : [],
    ),
  ]
  const read = templates.flatMap((t) => t.variables.map((v) => v.split('.')[0]!))
  for (const entry of ownWith) {
    if (usedWith.has(entry.name)) continue
    if (matchName(entry.name, read).kind !== 'none') continue
    rc.report(
      'WITH_UNUSED',
      ptr(req.pointer, 'with', entry.name),
      `${req.label}: with key "${entry.name}" feeds nothing in ${target.id}: the consumed operation declares no parameter of that name and no template of it reads one, so it is not sent.`,
      `Declare it on the consumed operation (inputParameters: [{name: ${entry.name}, in: query}] or the location it belongs in), or remove it from with.`,
    )
  }
}
