/** Consumed HTTP namespaces → Upstream + ConsumedOperation objects, looked up by `ns.op`. */
import { compilePath } from './compile-path.js'
import type {
  AuthConfig,
  BindVariable,
  ConsumedOperation,
  DeclaredConsumedParam,
  HttpMethod,
  RawFormat,
  Slot,
  Template,
  Upstream,
  ValueType,
} from './types.js'
import { overrideBase } from './override-base.js'
import { resolveBody } from './resolve-body.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'

export interface ConsumesEntry {
  readonly entry: unknown
  readonly pointer: string
  readonly file: string
}

export interface ResolvedUpstreams {
  readonly upstreams: Upstream[]
  readonly operations: Map<string, ConsumedOperation>
  readonly operationPointers: Map<string, string>
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])
const FORMATS = new Set([
  'json',
  'xml',
  'yaml',
  'csv',
  'tsv',
  'psv',
  'html',
  'markdown',
  'avro',
  'protobuf',
  'text',
])
const VALUE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object'])
const PARAM_LOCATIONS = new Set(['path', 'query', 'header', 'cookie', 'body', 'environment'])

export function resolveUpstreams(
  entries: readonly ConsumesEntry[],
  binds: readonly BindVariable[],
  overrides: ReadonlyMap<string, string>,
  rc: ResolveContext,
): ResolvedUpstreams {
  const upstreams: Upstream[] = []
  const operations = new Map<string, ConsumedOperation>()
  const operationPointers = new Map<string, string>()
  const seen = new Map<string, string>()
  for (const { entry, pointer, file } of entries) {
    if (!isRecord(entry)) continue
    if (entry.type !== undefined && entry.type !== 'http') continue
    const namespace = asString(entry.namespace) ?? ''
    if (seen.has(namespace)) {
      rc.report(
        'DUPLICATE_NAMESPACE',
        ptr(pointer, 'namespace'),
        `Namespace "${namespace}" is declared twice (first at ${seen.get(namespace)}).`,
        'Give each consumes entry a unique namespace, or use `as` to rename an import.',
      )
      continue
    }
    seen.set(namespace, pointer)
    const override = overrides.get(namespace) ?? overrides.get('*')
    const declaredBase = asString(entry.baseUri) ?? ''
    const rawBase = override === undefined ? declaredBase : overrideBase(override, declaredBase)
    const baseUri = rc.template(rawBase, ptr(pointer, 'baseUri'))
    checkBound(baseUri, binds, ptr(pointer, 'baseUri'), rc)
    const auth = resolveAuth(entry.authentication, ptr(pointer, 'authentication'), binds, rc)
    const slots = asArray(entry.inputParameters).flatMap((p, i) => {
      const d = declaredParam(p, ptr(pointer, 'inputParameters', i), rc)
      return d && d.value && d.location !== 'path' && d.location !== 'environment'
        ? [
            {
              location: d.location,
              name: d.name,
              source: { kind: 'template', template: d.value },
              required: false,
              type: d.type,
            } as Slot,
          ]
        : []
    })
    const upstream: Upstream = { namespace, baseUri, auth, slots, file }
    upstreams.push(upstream)
    asArray(entry.resources).forEach((resource, ri) => {
      if (!isRecord(resource)) return
      const rp = ptr(pointer, 'resources', ri)
      const pathSource = asString(resource.path) ?? ''
      const path = compilePath(pathSource)
      if (path.singleBrace.length > 0) {
        rc.report(
          'RULE_SINGLE_BRACE',
          ptr(rp, 'path'),
          `Consumed path "${pathSource}" uses single-brace placeholders (${path.singleBrace.map((n) => `{${n}}`).join(', ')}); Capstan substitutes them like {{…}} (the Java engine sends them literally).`,
          `Strict rewrite: path: ${pathSource.replace(/(?<!\{)\{([^{}\s]+)\}(?!\})/g, '{{$1}}')}`,
        )
      }
      const resourceParams = asArray(resource.inputParameters).flatMap(
        (p, i) => declaredParam(p, ptr(rp, 'inputParameters', i), rc) ?? [],
      )
      asArray(resource.operations).forEach((op, oi) => {
        if (!isRecord(op)) return
        const op_p = ptr(rp, 'operations', oi)
        const name = asString(op.name) ?? ''
        const id = `${namespace}.${name}`
        if (operations.has(id)) {
          rc.report(
            'DUPLICATE_NAME',
            ptr(op_p, 'name'),
            `Operation "${name}" is declared twice in namespace "${namespace}".`,
            'Operation names must be unique within a consumes namespace.',
          )
          return
        }
        const method = (asString(op.method) ?? 'GET').toUpperCase()
        if (!METHODS.has(method))
          rc.report(
            'SCHEMA_ENUM',
            ptr(op_p, 'method'),
            `Method "${String(op.method)}" is not an HTTP method Capstan can send.`,
            'Use GET, POST, PUT, PATCH or DELETE.',
          )
        const ownParams = asArray(op.inputParameters).flatMap(
          (p, i) => declaredParam(p, ptr(op_p, 'inputParameters', i), rc) ?? [],
        )
        const declared = mergeParams(resourceParams, ownParams)
        const format = (asString(op.outputRawFormat) ?? 'json').toLowerCase()
        const outputs = asArray(op.outputParameters).flatMap((o, i) => {
          if (!isRecord(o) || typeof o.name !== 'string') return []
          const src = asString(o.mapping) ?? asString(o.value)
          if (src === undefined || !src.trim().startsWith('$')) return []
          const jp = rc.jsonPath(
            src,
            ptr(op_p, 'outputParameters', i, o.mapping !== undefined ? 'mapping' : 'value'),
          )
          return jp ? [{ name: o.name, path: jp }] : []
        })
        const operation: ConsumedOperation = {
          id,
          name,
          method: method as HttpMethod,
          upstream,
          path: path.parts,
          declared,
          body: resolveBody(op.body, ptr(op_p, 'body'), rc),
          rawFormat: (FORMATS.has(format) ? format : 'json') as RawFormat,
          outputSchema: asString(op.outputSchema),
          outputs,
          idempotent: IDEMPOTENT.has(method),
        }
        if (!FORMATS.has(format))
          rc.report(
            'SCHEMA_ENUM',
            ptr(op_p, 'outputRawFormat'),
            `outputRawFormat "${format}" is not supported.`,
            `Use one of: ${[...FORMATS].join(', ')}.`,
          )
        operations.set(id, operation)
        operationPointers.set(id, op_p)
      })
    })
  }
  return { upstreams, operations, operationPointers }
}

function mergeParams(
  a: readonly DeclaredConsumedParam[],
  b: readonly DeclaredConsumedParam[],
): DeclaredConsumedParam[] {
  const byKey = new Map<string, DeclaredConsumedParam>()
  for (const p of [...a, ...b]) byKey.set(`${p.location}:${p.name}`, p)
  return [...byKey.values()]
}

function declaredParam(
  p: unknown,
  pointer: string,
  rc: ResolveContext,
): DeclaredConsumedParam | undefined {
  if (!isRecord(p) || typeof p.name !== 'string') return undefined
  const location = (asString(p.in) ?? 'body').toLowerCase()
  if (!PARAM_LOCATIONS.has(location)) {
    rc.report(
      'SCHEMA_ENUM',
      ptr(pointer, 'in'),
      `Parameter location "${location}" is not supported.`,
      'Use path, query, header, cookie or body.',
    )
    return undefined
  }
  const type = asString(p.type) ?? (location === 'body' ? 'object' : 'string')
  const value = p.value ?? p.template
  return {
    name: p.name,
    location: location as DeclaredConsumedParam['location'],
    type: (VALUE_TYPES.has(type) ? type : 'string') as ValueType,
    required: typeof p.required === 'boolean' ? p.required : location === 'path',
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
    ...(value === undefined ? {} : { value: rc.template(String(value), ptr(pointer, 'value')) }),
  }
}

function resolveAuth(
  auth: unknown,
  pointer: string,
  binds: readonly BindVariable[],
  rc: ResolveContext,
): AuthConfig | undefined {
  if (!isRecord(auth)) return undefined
  const type = asString(auth.type) ?? ''
  const fields: Record<string, Template> = {}
  const options: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(auth)) {
    if (key === 'type') continue
    if (typeof value === 'string' && TEMPLATED_AUTH_FIELDS.has(key)) {
      const t = rc.template(value, ptr(pointer, key))
      checkBound(t, binds, ptr(pointer, key), rc)
      fields[key] = t
    } else options[key] = value
  }
  return { type, fields, options }
}

const TEMPLATED_AUTH_FIELDS = new Set([
  'token',
  'username',
  'password',
  'key',
  'value',
  'clientId',
  'clientSecret',
  'tokenUrl',
  'tokenEndpoint',
  'scope',
])

/** Every variable of an auth or baseUri template must be declared in binds ({{X}} or {{ns.X}}). */
export function checkBound(
  t: Template,
  binds: readonly BindVariable[],
  pointer: string,
  rc: ResolveContext,
): void {
  for (const variable of t.variables) {
    if (binds.some((b) => b.variable === variable)) continue
    const dot = variable.indexOf('.')
    const namespaced =
      dot > 0 &&
      binds.some(
        (b) => b.namespace === variable.slice(0, dot) && b.variable === variable.slice(dot + 1),
      )
    if (namespaced) continue
    const known = binds.map((b) => b.variable)
    rc.report(
      'UNBOUND_TEMPLATE_VAR',
      pointer,
      `Template variable "${variable}" is not declared in binds.`,
      known.length > 0
        ? `Declared variables: ${known.join(', ')}. Add it under binds[].keys.`
        : `Declare it: binds: [{namespace: env, keys: {${variable.split('.').pop()}: ${variable.split('.').pop()}}}].`,
    )
  }
}
