/** exposes[] → RestExpose / McpExpose / ControlExpose, each operation or tool with its plan. */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPlan, type PlanRequest } from './build-plan.js'
import { routeVariables } from './compile-path.js'
import { checkBound } from './resolve-upstreams.js'
import type {
  Authentication,
  BindVariable,
  ConsumedOperation,
  ControlExpose,
  Expose,
  HttpMethod,
  Input,
  McpExpose,
  McpPrompt,
  McpResource,
  McpTool,
  RestExpose,
  RestForward,
  RestOperation,
  Template,
  ToolHints,
  Upstream,
  ValueType,
} from './types.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'

export interface ExposeInputs {
  readonly operations: ReadonlyMap<string, ConsumedOperation>
  readonly upstreams: readonly Upstream[]
  readonly binds: readonly BindVariable[]
  readonly aggregates: ReadonlyMap<
    string,
    { spec: Record<string, unknown>; namespace: string; pointer: string }
  >
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
  skill: (_spec, pointer, _inputs, rc) => {
    rc.report(
      'UNSUPPORTED_FEATURE',
      ptr(pointer, 'type'),
      'Skill exposes are not served by Capstan yet; this expose is skipped.',
      'Serve the same operations through an mcp or rest expose.',
      'warning',
    )
    return undefined
  },
}

export function resolveExposes(list: unknown, inputs: ExposeInputs, rc: ResolveContext): Expose[] {
  const out: Expose[] = []
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
    const expose = resolver(raw, pointer, inputs, rc)
    if (expose) out.push(expose)
  })
  return out
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object'])

function resolveRest(
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): RestExpose {
  const namespace = asString(spec.namespace) ?? 'rest'
  const operations: RestOperation[] = []
  const forwards: RestForward[] = []
  const routes = new Map<string, string>()
  const serverInputs = exposedInputs(spec.inputParameters, ptr(pointer, 'inputParameters'), rc)
  asArray(spec.resources).forEach((res, ri) => {
    if (!isRecord(res)) return
    const rp = ptr(pointer, 'resources', ri)
    const path = normalizeRoute(asString(res.path) ?? `/${asString(res.name) ?? ri}`)
    const resourceInputs = exposedInputs(res.inputParameters, ptr(rp, 'inputParameters'), rc)
    asArray(res.operations).forEach((op, oi) => {
      if (!isRecord(op)) return
      const op_p = ptr(rp, 'operations', oi)
      const effective = withAggregate(op, op_p, inputs, rc)
      const method = (asString(effective.spec.method) ?? 'GET').toUpperCase() as HttpMethod
      if (!METHODS.has(method))
        rc.report(
          'SCHEMA_ENUM',
          ptr(op_p, 'method'),
          `Method "${String(op.method)}" is not an HTTP method.`,
          'Use GET, POST, PUT, PATCH or DELETE.',
        )
      const key = `${method} ${routeKey(path)}`
      if (routes.has(key)) {
        rc.report(
          'DUPLICATE_ROUTE',
          ptr(op_p, 'method'),
          `Route ${method} ${path} is declared twice in expose "${namespace}" (first at ${routes.get(key)}).`,
          'Each method and path pair may appear once per REST expose.',
        )
        return
      }
      routes.set(key, op_p)
      const declared = mergeInputs(
        serverInputs,
        resourceInputs,
        exposedInputs(effective.spec.inputParameters, ptr(op_p, 'inputParameters'), rc),
      )
      const name =
        asString(effective.spec.name) ?? `${method.toLowerCase()}-${asString(res.name) ?? ri}`
      const req: PlanRequest = {
        surface: 'rest',
        label: `REST ${method} ${path}`,
        pointer: op_p,
        namespace: effective.namespace ?? namespace,
        declared,
        routeVariables: routeVariables(path),
        method,
        spec: effective.spec,
        operations: inputs.operations,
        binds: inputs.binds,
      }
      operations.push({
        name,
        method,
        path,
        ...(typeof op.description === 'string' ? { description: op.description } : {}),
        plan: buildPlan(req, rc),
        pointer: op_p,
      })
    })
    if (isRecord(res.forward)) {
      const target = asString(res.forward.targetNamespace) ?? ''
      const upstream = inputs.upstreams.find((u) => u.namespace === target)
      if (!upstream)
        rc.report(
          'UNKNOWN_FORWARD_TARGET',
          ptr(rp, 'forward', 'targetNamespace'),
          `forward.targetNamespace "${target}" names no consumed namespace.`,
          `Known namespaces: ${inputs.upstreams.map((u) => u.namespace).join(', ') || '(none)'}.`,
        )
      else
        forwards.push({
          path,
          upstream,
          trustedHeaders: asArray(res.forward.trustedHeaders).filter(
            (h): h is string => typeof h === 'string',
          ),
        })
    }
  })
  return {
    type: 'rest',
    namespace,
    port: Number(spec.port ?? 0),
    address: asString(spec.address),
    authentication: resolveAuthentication(spec, pointer, inputs, rc),
    operations,
    forwards,
    ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
  }
}

function resolveMcp(
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

/** An expose's inbound `authentication`, its secret fields checked against the declared binds. */
function resolveAuthentication(
  expose: Record<string, unknown>,
  exposePointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): Authentication | undefined {
  const raw = expose.authentication
  const pointer = ptr(exposePointer, 'authentication')
  const binds = inputs.binds
  if (!isRecord(raw)) return undefined
  const fields: Record<string, Template> = {}
  const options: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'type') continue
    if (typeof v === 'string' && ['token', 'username', 'password', 'key', 'value'].includes(k)) {
      const t = rc.template(v, ptr(pointer, k))
      checkBound(t, binds, ptr(pointer, k), rc)
      fields[k] = t
    } else options[k] = v
  }
  return { type: asString(raw.type) ?? '', fields, options }
}

/** `ref: aggregate.function` merges the function's execution fields under the tool or operation. */
function withAggregate(
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): { spec: Record<string, unknown>; namespace?: string; semantics?: Record<string, unknown> } {
  const ref = asString(spec.ref)
  if (!ref) return { spec }
  const fn = inputs.aggregates.get(ref)
  if (!fn) {
    rc.report(
      'UNKNOWN_CALL_TARGET',
      ptr(pointer, 'ref'),
      `ref "${ref}" names no aggregate function.`,
      `Known functions: ${[...inputs.aggregates.keys()].join(', ') || '(none)'}.`,
    )
    return { spec }
  }
  const merged: Record<string, unknown> = { ...fn.spec, ...spec }
  for (const k of ['call', 'with', 'steps', 'mappings', 'outputParameters'])
    if (spec[k] === undefined && fn.spec[k] !== undefined) merged[k] = fn.spec[k]
  if (spec.inputParameters === undefined && fn.spec.inputParameters !== undefined)
    merged.inputParameters = fn.spec.inputParameters
  return {
    spec: merged,
    namespace: fn.namespace,
    ...(isRecord(fn.spec.semantics) ? { semantics: fn.spec.semantics } : {}),
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

function exposedInputs(raw: unknown, pointer: string, rc: ResolveContext): Input[] {
  return asArray(raw).flatMap((p, i) => {
    if (!isRecord(p) || typeof p.name !== 'string') return []
    const location = (asString(p.in) ?? 'body').toLowerCase()
    const loc = (
      ['path', 'query', 'header', 'cookie', 'body'].includes(location) ? location : 'body'
    ) as Input['location']
    const type = typeTag(p.type)
    const value = p.value
    const bodyPath =
      loc === 'body' && typeof value === 'string' && value.startsWith('$')
        ? rc.jsonPath(value, ptr(pointer, i, 'value'))
        : undefined
    const input: Input = {
      name: p.name,
      location: loc,
      type,
      required: typeof p.required === 'boolean' ? p.required : loc === 'path',
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
      ...(typeof p.pattern === 'string' ? { pattern: p.pattern } : {}),
      ...(value !== undefined && !bodyPath ? { fixed: value } : {}),
      ...(bodyPath ? { bodyPath } : {}),
      ...(type === 'array' && isRecord(p.items) ? { schema: { items: p.items } } : {}),
      inferred: false,
    }
    return [input]
  })
}

function toolInputs(raw: unknown, pointer: string, rc: ResolveContext): Input[] {
  void pointer
  void rc
  return asArray(raw).flatMap((p) => {
    if (!isRecord(p) || typeof p.name !== 'string') return []
    const type = typeTag(p.type)
    return [
      {
        name: p.name,
        location: 'argument' as const,
        type,
        required: p.required !== false,
        ...(typeof p.description === 'string' ? { description: p.description } : {}),
        ...(type === 'array' && isRecord(p.items) ? { schema: { items: p.items } } : {}),
        inferred: false,
      },
    ]
  })
}

function typeTag(raw: unknown): ValueType {
  return (typeof raw === 'string' && TYPES.has(raw) ? raw : 'string') as ValueType
}

function mergeInputs(...lists: Input[][]): Input[] {
  const byName = new Map<string, Input>()
  for (const list of lists) for (const i of list) byName.set(i.name, i)
  return [...byName.values()]
}

/** `{{x}}` in exposed paths is the same as `{x}`. */
function normalizeRoute(path: string): string {
  const p = path.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, '{$1}')
  return p.startsWith('/') ? p : `/${p}`
}

/** Routes that differ only in variable names clash. */
export function routeKey(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}')
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

function locationPath(location: string, rc: ResolveContext, pointer: string): string | undefined {
  try {
    if (/^file:\/\/\/\.\.?\//.test(location))
      return resolve(dirname(rc.file), location.slice('file:///'.length))
    if (/^file:/.test(location)) return fileURLToPath(location)
    return resolve(dirname(rc.file), location)
  } catch {
    rc.report(
      'SCHEMA_PATTERN',
      pointer,
      `Location "${location}" is not a valid file: URI.`,
      'Use file:///absolute/path or file:///./relative/path.',
    )
    return undefined
  }
}
