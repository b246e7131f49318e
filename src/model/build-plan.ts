/**
 * Binding plans (issue 2): for an exposed REST operation or MCP tool, which exposed input feeds
 * each consumed path, query, header and body slot. Applies compat rules 2–6 and reports each
 * rule that fires as an info diagnostic with the strict rewrite.
 */
import { bindSlots } from './bind-slots.js'
import { compileOutput } from './compile-output.js'
import { findOperation } from './find-operation.js'
import { InputSet } from './input-set.js'
import type { BindVariable, ConsumedOperation, HttpMethod, Input, Plan } from './types.js'
import { asString, ptr, type ResolveContext } from './resolve-context.js'
import { resolveSteps } from './resolve-steps.js'
import { resolveWith } from './resolve-with.js'

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
  const { slots, bodyFeeds } = bindSlots(target, req, set, withEntries, rc)
  reportInferred(req, set, rc)
  const output = compileOutput(
    spec.outputParameters,
    ptr(pointer, 'outputParameters'),
    { mock: false },
    rc.diagnostics,
  )
  return {
    kind: 'call',
    label: req.label,
    target,
    inputs: set.list(),
    slots,
    output,
    withEntries: [...withEntries, ...bodyFeeds],
  }
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
