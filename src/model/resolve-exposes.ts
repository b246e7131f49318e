/** exposes[] → RestExpose / McpExpose / ControlExpose, each operation or tool with its plan. */
import { resolveAuthentication } from './resolve-authentication.js'
import { resolveMcp } from './resolve-mcp.js'
import { resolveRest } from './resolve-rest.js'
import { resolveSkill } from './resolve-skill.js'
import type { BindVariable, ConsumedOperation, ControlExpose, Expose, Upstream } from './types.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'

export interface ExposeInputs {
  readonly operations: ReadonlyMap<string, ConsumedOperation>
  readonly upstreams: readonly Upstream[]
  readonly binds: readonly BindVariable[]
  readonly aggregates: ReadonlyMap<
    string,
    { spec: Record<string, unknown>; namespace: string; pointer: string }
  >
  /** The capability's other exposes, resolved: what a skill expose may point at. */
  readonly siblings?: readonly Expose[]
}

type ExposeResolver = (
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
) => Expose | undefined

/** One row per expose type (house rule 4). */
const EXPOSE_RESOLVERS: Record<string, ExposeResolver> = {
  rest: resolveRest,
  mcp: resolveMcp,
  control: resolveControl,
  skill: resolveSkill,
}

/** Expose types resolved after the others, because they point at them. */
const LATE = new Set(['skill'])

export function resolveExposes(list: unknown, inputs: ExposeInputs, rc: ResolveContext): Expose[] {
  const slots: (Expose | undefined)[] = []
  const late: (() => void)[] = []
  asArray(list).forEach((raw, i) => {
    const pointer = ptr('/capability/exposes', i)
    if (!isRecord(raw)) return
    const type = asString(raw.type) ?? ''
    const resolver = EXPOSE_RESOLVERS[type]
    if (!resolver) {
      rc.report(
        'SCHEMA_ENUM',
        ptr(pointer, 'type'),
        `Expose type "${type}" is unknown.`,
        `Use one of: ${Object.keys(EXPOSE_RESOLVERS).join(', ')}.`,
      )
      return
    }
    if (!LATE.has(type)) {
      slots[i] = resolver(raw, pointer, inputs, rc)
      return
    }
    late.push(() => {
      const siblings = slots.filter((e): e is Expose => e !== undefined)
      slots[i] = resolver(raw, pointer, { ...inputs, siblings }, rc)
    })
  })
  for (const resolve of late) resolve()
  return slots.filter((e): e is Expose => e !== undefined)
}

function resolveControl(
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): ControlExpose {
  return {
    type: 'control',
    namespace: asString(spec.namespace) ?? 'control',
    port: Number(spec.port ?? 0),
    address: asString(spec.address),
    authentication: resolveAuthentication(spec, pointer, inputs, rc),
  }
}
