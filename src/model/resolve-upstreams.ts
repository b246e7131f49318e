/** Consumed HTTP namespaces → Upstream + ConsumedOperation objects, looked up by `ns.op`. */
import { compilePath } from './compile-path.js'
import { lookupVariable, soleVariable } from './compile-template.js'
import type {
  AuthConfig,
  BindVariable,
  BodyTemplate,
  ConsumedOperation,
  DeclaredConsumedParam,
  HttpMethod,
  RawFormat,
  Slot,
  Template,
  TemplateContext,
  Upstream,
  ValueType,
} from './types.js'
import { overrideBase } from './override-base.js'
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

/** Consumed `body` (engine-inventory §2.7–2.8), built structurally so value types survive. */
function resolveBody(body: unknown, pointer: string, rc: ResolveContext): BodyTemplate | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string')
    return { kind: 'text', contentType: 'application/json', template: rc.template(body, pointer) }
  if (!isRecord(body)) return { kind: 'json', build: buildStructure(body, pointer, rc) }
  const type = asString(body.type) ?? 'json'
  const data = body.data
  switch (type) {
    case 'json':
      return {
        kind: 'json',
        build:
          typeof data === 'string'
            ? parseJsonTemplate(data, pointer, rc)
            : buildStructure(data, ptr(pointer, 'data'), rc),
      }
    case 'text':
    case 'xml':
    case 'sparql': {
      const contentType =
        type === 'xml'
          ? 'application/xml'
          : type === 'sparql'
            ? 'application/sparql-query'
            : 'text/plain; charset=utf-8'
      return {
        kind: 'text',
        contentType,
        template: rc.template(
          typeof data === 'string' ? data : JSON.stringify(data ?? ''),
          ptr(pointer, 'data'),
        ),
      }
    }
    case 'formUrlEncoded': {
      if (typeof data === 'string') {
        const t = rc.template(data, ptr(pointer, 'data'))
        return { kind: 'text', contentType: 'application/x-www-form-urlencoded', template: t }
      }
      const build = buildStructure(data ?? {}, ptr(pointer, 'data'), rc)
      return {
        kind: 'form',
        build: (ctx) =>
          Object.fromEntries(
            Object.entries((build(ctx) ?? {}) as Record<string, unknown>).map(([k, v]) => [
              k,
              typeof v === 'string' ? v : JSON.stringify(v),
            ]),
          ),
      }
    }
    case 'multipartForm':
      return resolveMultipart(data, ptr(pointer, 'data'), rc)
    default:
      rc.report(
        'UNSUPPORTED_FEATURE',
        ptr(pointer, 'type'),
        `Request body type "${type}" is not supported.`,
        'Use json, text, xml, sparql, formUrlEncoded or multipartForm.',
      )
      return undefined
  }
}

/** `multipartForm` parts: value and filename are templates; a content type is sent as written. */
function resolveMultipart(data: unknown, pointer: string, rc: ResolveContext): BodyTemplate {
  const parts = asArray(data).flatMap((raw, i) => {
    if (!isRecord(raw)) return []
    const p = ptr(pointer, i)
    const filename = asString(raw.filename)
    const contentType = asString(raw.contentType)
    if (
      contentType !== undefined &&
      !/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/.test(contentType)
    ) {
      rc.report(
        'SCHEMA_PATTERN',
        ptr(p, 'contentType'),
        `Content type "${contentType}" of multipart part "${asString(raw.name) ?? i}" is not a media type.`,
        'Write type/subtype, optionally with parameters, e.g. text/csv or application/pdf.',
      )
      return []
    }
    return [
      {
        name: asString(raw.name) ?? '',
        value: rc.template(asString(raw.value) ?? '', ptr(p, 'value')),
        ...(filename === undefined ? {} : { filename: rc.template(filename, ptr(p, 'filename')) }),
        ...(contentType === undefined ? {} : { contentType }),
      },
    ]
  })
  return { kind: 'multipart', parts }
}

/** A JSON text template; its result is undefined (no body is sent) only for an absent sole variable. */
function parseJsonTemplate(
  data: string,
  pointer: string,
  rc: ResolveContext,
): (ctx: TemplateContext) => unknown {
  const t = rc.template(data, pointer)
  const sole = soleVariable(data)
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  if (sole !== undefined) {
    const path = sole.split('.')
    return (ctx) => {
      const value = lookupVariable(ctx, sole, path)
      // Strings keep the text template's JSON reading; other values are already JSON values.
      return typeof value === 'string' ? parse(value) : value
    }
  }
  return (ctx) => parse(t.render(ctx))
}

/** Objects and arrays whose string leaves are templates; a lone `{{x}}` keeps x's type. */
function buildStructure(
  data: unknown,
  pointer: string,
  rc: ResolveContext,
): (ctx: TemplateContext) => unknown {
  if (typeof data === 'string') {
    const sole = soleVariable(data)
    const t = rc.template(data, pointer)
    if (sole !== undefined) {
      const path = sole.split('.')
      return (ctx) => lookupVariable(ctx, sole, path)
    }
    return (ctx) => t.render(ctx)
  }
  if (Array.isArray(data)) {
    const items = data.map((d, i) => buildStructure(d, ptr(pointer, i), rc))
    return (ctx) => items.map((f) => f(ctx)).filter((v) => v !== undefined)
  }
  if (isRecord(data)) {
    const entries = Object.entries(data).map(
      ([k, v]) => [k, buildStructure(v, ptr(pointer, k), rc)] as const,
    )
    return (ctx) => {
      const out: Record<string, unknown> = {}
      // Absent optional values are dropped instead of producing broken JSON.
      for (const [k, f] of entries) {
        const v = f(ctx)
        if (v !== undefined) out[k] = v
      }
      return out
    }
  }
  return () => data
}
