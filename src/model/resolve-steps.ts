/** Orchestrated operations (`steps` + `mappings`, engine-inventory §2.15) → a StepsPlan. */
import { compileOutput } from './compile-output.js'
import type { Plan, Step } from './types.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import { bindSlots } from './bind-slots.js'
import { reportInferred, type PlanRequest } from './build-plan.js'
import { findOperation } from './find-operation.js'
import type { InputSet } from './input-set.js'
import { resolveScriptStep } from './resolve-script-step.js'
import { resolveWith, type WithEntry } from './resolve-with.js'

export function resolveSteps(
  req: PlanRequest,
  set: InputSet,
  withEntries: WithEntry[],
  rc: ResolveContext,
): Plan {
  const steps: Step[] = []
  const stepNames: string[] = []
  asArray(req.spec.steps).forEach((raw, i) => {
    const p = ptr(req.pointer, 'steps', i)
    if (!isRecord(raw)) return
    const name = asString(raw.name) ?? `step-${i + 1}`
    const type = asString(raw.type) ?? 'call'
    if (type === 'call') {
      const target = findOperation(asString(raw.call) ?? '', ptr(p, 'call'), req.operations, rc)
      if (!target) return
      const stepReq: PlanRequest = {
        ...req,
        pointer: p,
        binds: [
          ...req.binds,
          ...stepNames.map((s) => ({ variable: s, namespace: s, key: s, file: undefined })),
        ],
      }
      const stepWith = resolveWith(raw.with, ptr(p, 'with'), stepReq, set, rc, target)
      const { slots, bodyFeeds } = bindSlots(
        target,
        stepReq,
        set,
        [...withEntries, ...stepWith],
        rc,
        stepWith,
      )
      steps.push({ kind: 'call', name, target, slots, withEntries: [...stepWith, ...bodyFeeds] })
    } else if (type === 'lookup') {
      const lookupValue = asString(raw.lookupValue) ?? ''
      steps.push({
        kind: 'lookup',
        name,
        index: asString(raw.index) ?? '',
        match: asString(raw.match) ?? '',
        lookupValue: lookupValue.startsWith('$.')
          ? { kind: 'path', path: lookupValue.slice(2).split('.') }
          : { kind: 'template', template: rc.template(lookupValue, ptr(p, 'lookupValue')) },
        outputs: asArray(raw.outputParameters).filter((o): o is string => typeof o === 'string'),
      })
      if (!stepNames.includes(asString(raw.index) ?? '')) {
        rc.report(
          'UNKNOWN_CALL_TARGET',
          ptr(p, 'index'),
          `Lookup step "${name}" indexes "${String(raw.index)}", which is not an earlier step.`,
          `Earlier steps: ${stepNames.join(', ') || '(none)'}.`,
        )
      }
    } else if (type === 'script') {
      const step = resolveScriptStep(raw, name, p, rc)
      if (step) steps.push(step)
    } else {
      rc.report(
        'UNSUPPORTED_FEATURE',
        ptr(p, 'type'),
        `Step "${name}" of type "${type}" is not executed by Capstan; calls to this operation fail.`,
        'Use call, lookup or script steps.',
        'warning',
      )
    }
    stepNames.push(name)
  })
  reportInferred(req, set, rc)
  const mappings = asArray(req.spec.mappings).flatMap((m) => {
    if (!isRecord(m)) return []
    const target = asString(m.targetName) ?? asString(m.target)
    const value = asString(m.value)
    if (!target || !value || !value.startsWith('$.')) return []
    return [{ target: target.split('.'), path: value.slice(2).split('.') }]
  })
  const output = compileOutput(
    req.spec.outputParameters,
    ptr(req.pointer, 'outputParameters'),
    { mock: false },
    rc.diagnostics,
  )
  return {
    kind: 'steps',
    label: req.label,
    inputs: set.list(),
    withEntries,
    steps,
    mappings,
    output,
  }
}
