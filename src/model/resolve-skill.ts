/**
 * A skill expose: a catalog of skills whose tools point at sibling rest/mcp operations or at
 * instruction files under the skill's location. It never runs a tool itself.
 */
import { locationPath } from './location-path.js'
import { resolveAuthentication } from './resolve-authentication.js'
import type { ExposeInputs } from './resolve-exposes.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import type { Expose, Skill, SkillExpose } from './types.js'

type SkillTool = Skill['tools'][number]

/** Names a skill tool may point at: operation names of a rest expose, tool names of an mcp one. */
interface Source {
  readonly mode: 'rest' | 'mcp'
  readonly actions: ReadonlySet<string>
}

export function resolveSkill(
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): SkillExpose {
  const sources = sourcesOf(inputs.siblings ?? [])
  const seen = new Set<string>()
  const skills = asArray(spec.skills).flatMap((raw, i): Skill[] => {
    if (!isRecord(raw)) return []
    const p = ptr(pointer, 'skills', i)
    const name = asString(raw.name) ?? `skill-${i}`
    if (seen.has(name)) {
      rc.report(
        'DUPLICATE_NAME',
        ptr(p, 'name'),
        `Skill "${name}" is declared twice in this expose.`,
        'Give each skill its own name: it is the path segment of /skills/{name}.',
      )
      return []
    }
    seen.add(name)
    return [resolveOne(raw, p, name, sources, rc)]
  })
  const description = asString(spec.description)
  return {
    type: 'skill',
    namespace: asString(spec.namespace) ?? 'skills',
    port: Number(spec.port ?? 0),
    address: asString(spec.address),
    ...(description === undefined ? {} : { description }),
    authentication: resolveAuthentication(spec, pointer, inputs, rc),
    skills,
  }
}

function resolveOne(
  raw: Record<string, unknown>,
  p: string,
  name: string,
  sources: ReadonlyMap<string, Source>,
  rc: ResolveContext,
): Skill {
  const rawLocation = asString(raw.location)
  const location =
    rawLocation === undefined ? undefined : locationPath(rawLocation, rc, ptr(p, 'location'))
  const toolNames = new Set<string>()
  const tools = asArray(raw.tools).flatMap((t, j): SkillTool[] => {
    if (!isRecord(t)) return []
    const tp = ptr(p, 'tools', j)
    const toolName = asString(t.name) ?? `tool-${j}`
    if (toolNames.has(toolName)) {
      rc.report(
        'DUPLICATE_NAME',
        ptr(tp, 'name'),
        `Tool "${toolName}" is declared twice in skill "${name}".`,
        'Give each tool of a skill its own name.',
      )
      return []
    }
    toolNames.add(toolName)
    const tool = resolveTool(t, tp, toolName, rawLocation !== undefined, sources, rc)
    return tool ? [tool] : []
  })
  const metadata = isRecord(raw.metadata)
    ? Object.fromEntries(
        Object.entries(raw.metadata).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )
    : undefined
  const text = (key: string) => asString(raw[key])
  const flag = (key: string) => (typeof raw[key] === 'boolean' ? (raw[key] as boolean) : undefined)
  const optional = {
    license: text('license'),
    compatibility: text('compatibility'),
    metadata,
    allowedTools: text('allowed-tools'),
    argumentHint: text('argument-hint'),
    userInvocable: flag('user-invocable'),
    disableModelInvocation: flag('disable-model-invocation'),
  }
  return {
    name,
    description: asString(raw.description) ?? '',
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ) as Partial<Skill>),
    location,
    tools,
    pointer: p,
  }
}

function resolveTool(
  t: Record<string, unknown>,
  tp: string,
  name: string,
  hasLocation: boolean,
  sources: ReadonlyMap<string, Source>,
  rc: ResolveContext,
): SkillTool | undefined {
  const description = asString(t.description) ?? ''
  const instruction = asString(t.instruction)
  const from = isRecord(t.from) ? t.from : undefined
  if ((from === undefined) === (instruction === undefined)) {
    rc.report(
      'SKILL_TOOL_SOURCE',
      tp,
      `Skill tool "${name}" ${from ? 'has both from and instruction' : 'has neither from nor instruction'}.`,
      'Point it at a sibling operation or tool with from: {sourceNamespace, action}, or at a file under the skill location with instruction: <relative path>.',
    )
    return undefined
  }
  if (instruction !== undefined) {
    if (!hasLocation) {
      rc.report(
        'SKILL_INSTRUCTION_LOCATION',
        ptr(tp, 'instruction'),
        `Skill tool "${name}" reads its instruction from "${instruction}", but its skill has no location.`,
        'Add location: file:///./<directory> to the skill; instruction paths are relative to it.',
      )
      return undefined
    }
    const segments = instruction.split('/')
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
      rc.report(
        'SKILL_INSTRUCTION_LOCATION',
        ptr(tp, 'instruction'),
        `Instruction "${instruction}" of skill tool "${name}" does not stay inside the skill location.`,
        'Write a relative path without . or .. segments, e.g. guides/usage.md.',
      )
      return undefined
    }
    return { kind: 'instruction', name, description, instruction }
  }
  const targetNamespace = asString(from!.sourceNamespace) ?? ''
  const action = asString(from!.action) ?? ''
  const source = sources.get(targetNamespace)
  if (source === undefined) {
    const known = [...sources.keys()]
    rc.report(
      'UNKNOWN_SKILL_SOURCE',
      ptr(tp, 'from', 'sourceNamespace'),
      `Skill tool "${name}" derives from "${targetNamespace}", which is not the namespace of a rest or mcp expose of this capability.`,
      known.length > 0
        ? `Use one of: ${known.join(', ')}.`
        : 'Add the rest or mcp expose that serves this tool to the same capability.',
    )
    return undefined
  }
  if (!source.actions.has(action)) {
    rc.report(
      'UNKNOWN_SKILL_ACTION',
      ptr(tp, 'from', 'action'),
      `Skill tool "${name}" points at "${action}", which ${source.mode === 'mcp' ? 'is no tool' : 'is no operation'} of ${source.mode} expose "${targetNamespace}"; agents that follow it will find nothing.`,
      source.actions.size > 0
        ? `Use one of: ${[...source.actions].join(', ')}.`
        : `Expose "${targetNamespace}" declares none.`,
    )
  }
  return { kind: 'derived', name, description, targetNamespace, action, mode: source.mode }
}

function sourcesOf(exposes: readonly Expose[]): Map<string, Source> {
  const out = new Map<string, Source>()
  for (const e of exposes) {
    if (e.type === 'rest')
      out.set(e.namespace, { mode: 'rest', actions: new Set(e.operations.map((o) => o.name)) })
    else if (e.type === 'mcp')
      out.set(e.namespace, { mode: 'mcp', actions: new Set(e.tools.map((t) => t.name)) })
  }
  return out
}
