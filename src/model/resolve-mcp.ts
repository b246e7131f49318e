/** An MCP expose: its tools and plan-backed resources with their plans, and its prompts. */
import { buildPlan, type PlanRequest } from './build-plan.js'
import { toolInputs } from './exposed-inputs.js'
import { locationPath } from './location-path.js'
import { resolveAuthentication } from './resolve-authentication.js'
import type { ExposeInputs } from './resolve-exposes.js'
import type { Input, McpExpose, McpPrompt, McpResource, McpTool, ToolHints } from './types.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import { withAggregate } from './with-aggregate.js'

export function resolveMcp(
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): McpExpose {
  const namespace = asString(spec.namespace) ?? 'mcp'
  const tools: McpTool[] = []
  const names = new Map<string, string>()
  asArray(spec.tools).forEach((raw, i) => {
    if (!isRecord(raw)) return
    const tp = ptr(pointer, 'tools', i)
    const effective = withAggregate(raw, tp, inputs, rc)
    const t = effective.spec
    const name = asString(t.name) ?? ''
    if (!name) {
      rc.report(
        'SCHEMA_REQUIRED',
        tp,
        'This tool has no name; it is skipped.',
        'Give every tool a name (letters, digits, - and _).',
        'warning',
      )
      return
    }
    if (names.has(name)) {
      rc.report(
        'DUPLICATE_TOOL_NAME',
        ptr(tp, 'name'),
        `Tool "${name}" is declared twice in expose "${namespace}" (first at ${names.get(name)}).`,
        'Tool names must be unique per MCP server.',
      )
      return
    }
    names.set(name, tp)
    const declared = toolInputs(t.inputParameters, ptr(tp, 'inputParameters'), rc)
    const req: PlanRequest = {
      surface: 'mcp',
      label: `tool ${name}`,
      pointer: tp,
      namespace: effective.namespace ?? namespace,
      declared,
      routeVariables: [],
      method: undefined,
      spec: t,
      operations: inputs.operations,
      binds: inputs.binds,
    }
    const title = asString(t.label) ?? asString(t.title)
    tools.push({
      name,
      ...(title === undefined ? {} : { title }),
      description: asString(t.description) ?? title ?? name,
      hints: hintsOf(t.hints, effective.semantics),
      plan: buildPlan(req, rc),
      pointer: tp,
    })
  })
  const transport = asString(spec.transport) === 'stdio' ? 'stdio' : 'http'
  return {
    type: 'mcp',
    namespace,
    transport,
    port: spec.port === undefined ? undefined : Number(spec.port),
    address: asString(spec.address),
    ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
    authentication: resolveAuthentication(spec, pointer, inputs, rc),
    tools,
    resources: mcpResources(spec.resources, ptr(pointer, 'resources'), namespace, inputs, rc),
    prompts: mcpPrompts(spec.prompts, ptr(pointer, 'prompts'), rc),
  }
}

function hintsOf(raw: unknown, semantics: Record<string, unknown> | undefined): ToolHints {
  const out: {
    readOnly?: boolean
    destructive?: boolean
    idempotent?: boolean
    openWorld?: boolean
  } = {}
  if (semantics) {
    if (semantics.safe === true) {
      out.readOnly = true
      out.destructive = false
    }
    if (semantics.safe === false) out.readOnly = false
    if (typeof semantics.idempotent === 'boolean') out.idempotent = semantics.idempotent
  }
  if (isRecord(raw)) {
    for (const k of ['readOnly', 'destructive', 'idempotent', 'openWorld'] as const)
      if (typeof raw[k] === 'boolean') out[k] = raw[k] as boolean
  }
  return out
}

function mcpResources(
  raw: unknown,
  pointer: string,
  namespace: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): McpResource[] {
  return asArray(raw).flatMap((r, i): McpResource[] => {
    if (!isRecord(r)) return []
    const p = ptr(pointer, i)
    const name = asString(r.name) ?? `resource-${i}`
    const uri = asString(r.uri) ?? ''
    const base = {
      name,
      uri,
      ...(asString(r.label) ? { title: asString(r.label)! } : {}),
      ...(asString(r.description) ? { description: asString(r.description)! } : {}),
      ...(asString(r.mimeType) ? { mimeType: asString(r.mimeType)! } : {}),
    }
    const location = asString(r.location)
    if (location) {
      const path = locationPath(location, rc, ptr(p, 'location'))
      return path ? [{ ...base, source: { kind: 'location' as const, path } }] : []
    }
    const vars = [...uri.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!)
    const declared: Input[] = vars.map((v) => ({
      name: v,
      location: 'argument',
      type: 'string',
      required: true,
      inferred: false,
    }))
    const req: PlanRequest = {
      surface: 'mcp',
      label: `resource ${name}`,
      pointer: p,
      namespace,
      declared,
      routeVariables: [],
      method: undefined,
      spec: r,
      operations: inputs.operations,
      binds: inputs.binds,
    }
    return [{ ...base, source: { kind: 'plan' as const, plan: buildPlan(req, rc) } }]
  })
}

function mcpPrompts(raw: unknown, pointer: string, rc: ResolveContext): McpPrompt[] {
  return asArray(raw).flatMap((r, i): McpPrompt[] => {
    if (!isRecord(r)) return []
    const p = ptr(pointer, i)
    const args = asArray(r.arguments).flatMap((a) =>
      isRecord(a) && typeof a.name === 'string'
        ? [
            {
              name: a.name,
              ...(typeof a.description === 'string' ? { description: a.description } : {}),
              required: a.required !== false,
            },
          ]
        : [],
    )
    const base = {
      name: asString(r.name) ?? `prompt-${i}`,
      ...(asString(r.label) ? { title: asString(r.label)! } : {}),
      ...(asString(r.description) ? { description: asString(r.description)! } : {}),
      arguments: args,
    }
    const location = asString(r.location)
    if (location) {
      const path = locationPath(location, rc, ptr(p, 'location'))
      return path ? [{ ...base, source: { kind: 'location' as const, path } }] : []
    }
    const messages = asArray(r.template).flatMap((m) =>
      isRecord(m) && typeof m.content === 'string'
        ? [
            {
              role: (m.role === 'assistant' ? 'assistant' : 'user') as 'user' | 'assistant',
              content: m.content,
            },
          ]
        : [],
    )
    return [{ ...base, source: { kind: 'template' as const, messages } }]
  })
}
