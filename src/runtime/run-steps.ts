/** Orchestrated plans (engine-inventory §2.15): call, lookup and script steps, then mappings. */
import type { Step, StepsPlan, TemplateContext } from '../model/types.js'
import { sourceValue } from './build-request.js'
import { callUpstream, upstreamError } from './invoke.js'
import { decodeBody } from './decode-body.js'
import type { InvokeOptions, InvokeResult, RuntimeDeps } from './types.js'
import { EngineError, InputError } from '../errors.js'

export async function runSteps(
  plan: StepsPlan,
  values: Readonly<Record<string, unknown>>,
  baseContext: () => TemplateContext,
  deps: RuntimeDeps,
  options: InvokeOptions,
): Promise<InvokeResult> {
  const outputs: Record<string, unknown> = {}
  const ctx: Record<string, unknown> = { ...baseContext() }
  /** Lookups that found nothing, with what they looked for. */
  const unmatched = new Map<string, string>()
  let last: { status: number; doc: unknown } | undefined
  for (const step of plan.steps) {
    if (step.kind === 'call') {
      const results = withResults(step.withEntries, values, ctx)
      const stepCtx = () => ({ ...ctx, ...results })
      const stepValues = { ...values, ...results }
      const response = await callUpstream(
        step.target,
        step.slots,
        stepValues,
        stepCtx,
        deps,
        options,
      ).catch((error: unknown) => {
        throw unmatchedLookup(error, step, unmatched) ?? error
      })
      // A failed step stops the orchestration: its error is the operation's error.
      if (response.status >= 300) throw await upstreamError(step.target, response)
      const bytes = await response.body.bytes(Number.POSITIVE_INFINITY, {
        operationId: step.target.id,
      })
      const doc = bytes.length === 0 ? null : decodeBody(step.target, bytes, deps)
      const projected = project(doc, step.target.outputs)
      outputs[step.name] = projected
      ctx[step.name] = projected
      last = { status: response.status, doc }
    } else if (step.kind === 'script') {
      if (deps.scripts === undefined)
        throw new EngineError('INTERNAL', `Script step ${step.name}: this engine runs no scripts.`)
      const context: Record<string, unknown> = { ...values, ...outputs }
      for (const w of step.with) context[w.name] = w.render(ctx)
      const result = await deps.scripts.run(step, context)
      if (result !== undefined) {
        outputs[step.name] = result
        ctx[step.name] = result
      }
    } else {
      const index = outputs[step.index]
      if (!Array.isArray(index))
        throw new EngineError(
          'MAPPING_FAILED',
          `Lookup step ${step.name}: step ${step.index} did not produce a list.`,
        )
      const wanted =
        step.lookupValue.kind === 'path'
          ? walk(outputs, step.lookupValue.path)
          : step.lookupValue.template.render(ctx)
      const pick = (v: unknown) => {
        const found = index.find(
          (entry) =>
            entry &&
            typeof entry === 'object' &&
            String((entry as Record<string, unknown>)[step.match]) === String(v),
        )
        if (!found) return undefined
        return Object.fromEntries(
          step.outputs.map((k) => [k, (found as Record<string, unknown>)[k] ?? null]),
        )
      }
      const result = Array.isArray(wanted)
        ? wanted.map(pick).filter((x) => x !== undefined)
        : pick(wanted)
      if (result !== undefined && !(Array.isArray(result) && result.length === 0)) {
        outputs[step.name] = result
        // later steps may use what was looked up ({{step.field}}); the Java engine keeps it for mappings only
        ctx[step.name] = result
      } else
        unmatched.set(
          step.name,
          `found no entry of "${step.index}" whose ${step.match} is ${JSON.stringify(wanted)}`,
        )
    }
  }
  if (plan.mappings.length > 0) {
    const out: Record<string, unknown> = {}
    let any = false
    for (const m of plan.mappings) {
      const v = walk(outputs, m.path)
      if (v === undefined) continue
      any = true
      let cur = out
      m.target.slice(0, -1).forEach((k) => (cur = (cur[k] ??= {}) as Record<string, unknown>))
      cur[m.target[m.target.length - 1]!] = v
    }
    if (any) return { kind: 'value', status: 200, value: out, headers: {} }
  }
  if (!last)
    throw new EngineError(
      'MAPPING_FAILED',
      `${plan.label}: no call step ran and no mapping resolved.`,
    )
  return {
    kind: 'value',
    status: last.status,
    value: plan.output.passthrough ? last.doc : plan.output.shape(last.doc, ctx),
    headers: {},
  }
}

/** A step's missing input that comes from a lookup that found nothing: a 404 naming the lookup. */
function unmatchedLookup(
  error: unknown,
  step: Extract<Step, { kind: 'call' }>,
  unmatched: ReadonlyMap<string, string>,
): EngineError | undefined {
  if (unmatched.size === 0 || !(error instanceof InputError) || error.code !== 'INPUT_MISSING')
    return undefined
  for (const { source } of step.withEntries) {
    const names =
      source.kind === 'template'
        ? source.template.variables
        : source.kind === 'input'
          ? [source.input]
          : []
    for (const name of names) {
      const lookup = name.split('.')[0]!
      const missed = unmatched.get(lookup)
      if (missed !== undefined)
        return new EngineError(
          'NOT_FOUND',
          `Lookup step "${lookup}" ${missed}; step "${step.name}" needs it.`,
        )
    }
  }
  return undefined
}

function withResults(
  entries: StepsPlan['withEntries'],
  values: Readonly<Record<string, unknown>>,
  ctx: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const context = () => ctx
  for (const e of entries) {
    const s = e.source
    // a step input may also name an earlier step's output
    const v =
      s.kind === 'input' ? (values[s.input] ?? ctx[s.input]) : sourceValue(s, values, context)
    if (v !== undefined) out[e.name] = v
  }
  return out
}

function project(
  doc: unknown,
  outputs: readonly { name: string; path: { evaluate(d: unknown): unknown } }[],
): unknown {
  if (outputs.length === 0) return doc
  const one = (d: unknown) =>
    Object.fromEntries(outputs.map((o) => [o.name, o.path.evaluate(d) ?? null]))
  if (Array.isArray(doc))
    return doc.map((el) => (el && typeof el === 'object' ? { ...(el as object), ...one(el) } : el))
  return one(doc)
}

function walk(root: unknown, path: readonly string[]): unknown {
  let cur = root
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[k]
  }
  return cur
}
