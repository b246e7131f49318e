/** `with` maps → WithEntry values; generic prefixes are read as input references (rule 5). */
import type { PlanRequest } from './build-plan.js'
import { claimInput, type SlotHint } from './claim-input.js'
import type { InputSet } from './input-set.js'
import { matchName } from './match-name.js'
import type { ConsumedOperation, ValueSource } from './types.js'
import { isRecord, ptr, type ResolveContext } from './resolve-context.js'

const GENERIC_PREFIXES = ['rest', 'mcp', 'tools']

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
