/**
 * Binding plans (issue 2): for an exposed REST operation or MCP tool, which exposed input feeds
 * each consumed path, query, header and body slot. Applies compat rules 2–6 and reports each
 * rule that fires as an info diagnostic with the strict rewrite.
 */
import { compileOutput } from './compile-output.js'
import { matchName, suggest } from './match-name.js'
import type {
  BindVariable,
  ConsumedOperation,
  HttpMethod,
  Input,
  Plan,
  Slot,
  ValueSource,
  ValueType,
} from './types.js'
import { asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import { resolveSteps } from './resolve-steps.js'

export interface PlanRequest {
  readonly surface: 'rest' | 'mcp'
  readonly label: string
  readonly pointer: string
  /** Own namespace: the expose namespace (or aggregate namespace for ref'd functions). */
  readonly namespace: string
  readonly declared: readonly Input[]
  /** REST route variables, in order. */
  readonly routeVariables: readonly string[]
  readonly method: HttpMethod | undefined
  readonly spec: Record<string, unknown>
  readonly operations: ReadonlyMap<string, ConsumedOperation>
  readonly binds: readonly BindVariable[]
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])
const GENERIC_PREFIXES = ['rest', 'mcp', 'tools']

/** Tracks exposed inputs while slots claim or create them. */
export class InputSet {
  readonly inputs = new Map<string, Input>()
  readonly created: string[] = []
  constructor(declared: readonly Input[]) {
    for (const i of declared) this.inputs.set(i.name, i)
  }
  add(input: Input): void {
    if (!this.inputs.has(input.name)) {
      this.inputs.set(input.name, input)
      this.created.push(input.name)
    }
  }
  list(): Input[] {
    return [...this.inputs.values()]
  }
}

export function buildPlan(req: PlanRequest, rc: ResolveContext): Plan {
  const { spec, pointer } = req
  const set = new InputSet(req.declared)
  if (req.surface === 'rest') {
    const auto = req.routeVariables.filter((v) => !set.inputs.has(v))
    for (const v of auto)
      set.add({ name: v, location: 'path', type: 'string', required: true, inferred: true })
    if (auto.length > 0) {
      rc.report(
        'RULE_AUTO_INPUT',
        ptr(pointer),
        `${req.label}: route variable${auto.length > 1 ? 's' : ''} ${auto.map((v) => `{${v}}`).join(', ')} used without inputParameters; Capstan makes ${auto.length > 1 ? 'them' : 'it'} available (the Java engine would not).`,
        `Strict rewrite: declare inputParameters: [${auto.map((v) => `{name: ${v}, in: path, type: string, description: …}`).join(', ')}].`,
      )
    }
  }
  const call = asString(spec.call)
  const target =
    call === undefined || Array.isArray(spec.steps)
      ? undefined
      : findOperation(call, ptr(pointer, 'call'), req.operations, rc)
  const withEntries = resolveWith(spec.with, ptr(pointer, 'with'), req, set, rc, target)
  if (Array.isArray(spec.steps)) {
    return resolveSteps(req, set, withEntries, rc)
  }
  if (!target) {
    const output = compileOutput(
      spec.outputParameters,
      ptr(pointer, 'outputParameters'),
      { mock: true },
      rc.diagnostics,
    )
    return { kind: 'mock', label: req.label, inputs: set.list(), withEntries, output }
  }
  const slots = bindSlots(target, req, set, withEntries, rc)
  reportInferred(req, set, rc)
  const output = compileOutput(
    spec.outputParameters,
    ptr(pointer, 'outputParameters'),
    { mock: false },
    rc.diagnostics,
  )
  return { kind: 'call', label: req.label, target, inputs: set.list(), slots, output, withEntries }
}

export function reportInferred(req: PlanRequest, set: InputSet, rc: ResolveContext): void {
  const inferred = set.created
    .map((n) => set.inputs.get(n)!)
    .filter((i) => req.surface === 'mcp' || i.location !== 'path')
  if (inferred.length === 0) return
  const list = inferred
    .map((i) => `${i.name} (${i.type}${i.required ? ', required' : ''})`)
    .join(', ')
  if (req.surface === 'mcp') {
    rc.report(
      'RULE_INFERRED_TOOL_INPUTS',
      ptr(req.pointer),
      `${req.label}: inputs inferred from the consumed operation: ${list}.`,
      `Strict rewrite: declare inputParameters: [${inferred.map((i) => `{name: ${i.name}, type: ${i.type}, description: …${i.required ? '' : ', required: false'}}`).join(', ')}].`,
    )
  } else {
    rc.report(
      'RULE_AUTO_INPUT',
      ptr(req.pointer),
      `${req.label}: undeclared inputs made available: ${inferred.map((i) => `${i.name} (${i.location})`).join(', ')}.`,
      `Strict rewrite: declare them under inputParameters with their \`in\`.`,
    )
  }
}

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

export type WithEntry = { readonly name: string; readonly source: ValueSource }

/** `with` values: references to exposed inputs, templates, or literals (engine-inventory §2.12, rule 5). */
export function resolveWith(
  raw: unknown,
  pointer: string,
  req: PlanRequest,
  set: InputSet,
  rc: ResolveContext,
  target?: ConsumedOperation,
): WithEntry[] {
  if (!isRecord(raw)) return []
  const out: WithEntry[] = []
  for (const [name, value] of Object.entries(raw)) {
    const p = ptr(pointer, name)
    if (typeof value !== 'string') {
      out.push({ name, source: { kind: 'literal', value } })
      continue
    }
    if (value.includes('{{')) {
      out.push({ name, source: { kind: 'template', template: rc.template(value, p) } })
      continue
    }
    const ref = referencePrefix(value, req)
    if (!ref) {
      out.push({ name, source: { kind: 'literal', value } })
      continue
    }
    if (ref.generic) {
      rc.report(
        'RULE_WITH_PREFIX',
        p,
        `\`${value}\` uses the generic prefix "${ref.prefix}."; Capstan reads it as a reference to the exposed input "${ref.field}" (the Java engine would send the literal text).`,
        `Strict rewrite: ${name}: ${req.namespace}.${ref.field}`,
      )
    }
    const input = claimInput(ref.field, req, set, rc, p, slotHintFor(name, target))
    out.push({
      name,
      source: input ? { kind: 'input', input } : { kind: 'literal', value: undefined },
    })
  }
  return out
}

/** What a `with` key feeds in the consumed operation decides the type of an inferred input. */
function slotHintFor(name: string, target: ConsumedOperation | undefined): SlotHint {
  const declared =
    target?.declared.find((d) => d.name === name) ??
    target?.declared.find((d) => matchName(name, [d.name]).kind !== 'none')
  if (declared && declared.location !== 'environment')
    return {
      location: declared.location,
      type: declared.type,
      required: declared.required,
      wanted: name,
    }
  const inPath = target?.path.some(
    (p) => p.kind === 'param' && matchName(name, [p.name]).kind !== 'none',
  )
  if (inPath) return { location: 'path', type: 'string', required: true, wanted: name }
  return { location: 'query', type: 'string', required: false, wanted: name }
}

function referencePrefix(
  value: string,
  req: PlanRequest,
): { prefix: string; field: string; generic: boolean } | undefined {
  const dot = value.indexOf('.')
  if (dot <= 0 || /\s/.test(value)) return undefined
  const prefix = value.slice(0, dot)
  const field = value.slice(dot + 1)
  if (!field) return undefined
  if (prefix === req.namespace) return { prefix, field, generic: false }
  if (GENERIC_PREFIXES.includes(prefix)) return { prefix, field, generic: true }
  return undefined
}

interface SlotHint {
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

/** Every slot of the upstream request: upstream-level parameters, path placeholders, declared params, body. */
export function bindSlots(
  target: ConsumedOperation,
  req: PlanRequest,
  set: InputSet,
  withEntries: readonly WithEntry[],
  rc: ResolveContext,
): Slot[] {
  const slots: Slot[] = [...target.upstream.slots]
  const withNames = withEntries.map((w) => w.name)
  const sourceFor = (name: string, hint: SlotHint, pointer: string): ValueSource | undefined => {
    const m = matchName(name, withNames)
    if (m.kind === 'exact' || m.kind === 'tolerant') {
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
          withEntriesPush(withEntries, d.name, source)
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
  return slots
}

function withEntriesPush(list: readonly WithEntry[], name: string, source: ValueSource): void {
  ;(list as WithEntry[]).push({ name, source })
}
