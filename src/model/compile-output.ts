/**
 * Exposed outputParameters compiled into a shaper (engine-inventory §2.13, Appendix E.3), with the
 * compat rule that an object or array without properties/items passes the mapped value through.
 */
import { diagnostic, joinPointer, type Diagnostic } from '../diagnostics.js'
import { compileJsonPath } from './compile-json-path.js'
import { compileTemplate } from './compile-template.js'
import type { JsonPath, OutputShape, Template, TemplateContext } from './types.js'

type Shaper = (doc: unknown, root: unknown, context: TemplateContext) => unknown

interface Compiled {
  readonly name: string | undefined
  readonly run: Shaper
  readonly schema: Record<string, unknown>
  readonly hasValue: boolean
}

export interface OutputCompileOptions {
  /** Mock mode: every parameter is combined into one object keyed by name. */
  readonly mock: boolean
}

export function compileOutput(
  specs: unknown,
  pointer: string,
  options: OutputCompileOptions,
  diagnostics: Diagnostic[],
): OutputShape {
  const list = Array.isArray(specs) ? specs : []
  const compiled = list.map((spec, i) =>
    compileParam(spec, joinPointer(pointer, i), diagnostics, 'top'),
  )
  if (options.mock) return mockShape(compiled)
  const first = list[0] as Record<string, unknown> | undefined
  if (list.length === 0 || (list.length === 1 && isPassthrough(first))) {
    if (list.length === 1) {
      diagnostics.push(
        diagnostic('RULE_OUTPUT_PASSTHROUGH', {
          pointer: joinPointer(pointer, 0),
          message: `Output \`{type: ${String(first?.type)}, mapping: ${String(first?.mapping)}}\` has no ${first?.type === 'array' ? 'items' : 'properties'}; Capstan returns the upstream value unchanged (the Java engine would return {}).`,
          hint: 'Strict rewrite: remove outputParameters to return the upstream body as is, or declare properties.',
        }),
      )
    }
    return Object.freeze({ passthrough: true, schema: undefined, shape: (doc: unknown) => doc })
  }
  const schema = compiled.length === 1 ? compiled[0]!.schema : undefined
  return Object.freeze({
    passthrough: false,
    schema: schema && schema.type === 'object' && schema.properties ? schema : undefined,
    shape(doc: unknown, context: TemplateContext) {
      for (const c of compiled) {
        const value = c.run(doc, doc, context)
        if (value !== undefined && value !== null) return value
      }
      return doc
    },
  })
}

function isPassthrough(spec: Record<string, unknown> | undefined): boolean {
  if (!spec || spec.value !== undefined || spec.maxLength !== undefined) return false
  const mapping =
    typeof spec.mapping === 'string'
      ? spec.mapping.trim()
      : typeof spec.value === 'string'
        ? spec.value
        : undefined
  if (mapping !== '$' && mapping !== '$.') return false
  if (spec.type === 'object') return spec.properties === undefined && spec.values === undefined
  if (spec.type === 'array') return spec.items === undefined
  return false
}

function mockShape(compiled: readonly Compiled[]): OutputShape {
  const properties: Record<string, unknown> = {}
  for (const c of compiled) if (c.name) properties[c.name] = c.schema
  return Object.freeze({
    passthrough: false,
    schema: { type: 'object', properties },
    shape(_doc: unknown, context: TemplateContext) {
      const out: Record<string, unknown> = {}
      for (const c of compiled) out[c.name ?? 'value'] = c.run(undefined, undefined, context)
      return out
    },
  })
}

/** Where a parameter sits: alpha2 projects arrays only at the top level, not inside objects or items. */
type Position = 'top' | 'property' | 'item'

function compileParam(
  spec: unknown,
  pointer: string,
  diagnostics: Diagnostic[],
  position: Position,
): Compiled {
  const s = (spec && typeof spec === 'object' ? spec : {}) as Record<string, unknown>
  const type = typeof s.type === 'string' ? s.type : 'string'
  const name = typeof s.name === 'string' ? s.name : undefined
  const path =
    typeof s.mapping === 'string'
      ? jsonPath(s.mapping, joinPointer(pointer, 'mapping'), diagnostics)
      : undefined
  const value =
    typeof s.value === 'string' || typeof s.value === 'number' || typeof s.value === 'boolean'
      ? template(String(s.value), joinPointer(pointer, 'value'), diagnostics)
      : undefined
  const maxLength = s.maxLength === undefined ? undefined : Number(s.maxLength)
  const schema: Record<string, unknown> = { type: type === 'number' ? 'number' : type }
  if (typeof s.description === 'string') schema.description = s.description
  const extract = (doc: unknown): unknown => (path ? path.evaluate(doc) : undefined)
  const truncate = (v: unknown): unknown =>
    maxLength !== undefined && Number.isFinite(maxLength) && typeof v === 'string'
      ? v.slice(0, maxLength)
      : v

  if (value) {
    const render = value
    return { name, schema, hasValue: true, run: (_d, _r, ctx) => truncate(render.render(ctx)) }
  }
  if (type === 'object') {
    const props =
      s.properties && typeof s.properties === 'object'
        ? (s.properties as Record<string, unknown>)
        : undefined
    const values =
      s.values && typeof s.values === 'object'
        ? compileParam(s.values, joinPointer(pointer, 'values'), diagnostics, 'item')
        : undefined
    if (values && path) {
      return {
        name,
        schema,
        hasValue: false,
        run: (doc, root, ctx) => {
          const m = extract(doc)
          if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined
          const out: Record<string, unknown> = {}
          for (const [k, v] of Object.entries(m)) out[k] = values.run(v, root, ctx) ?? null
          return out
        },
      }
    }
    if (position === 'item' && path && !props)
      return { name, schema, hasValue: false, run: (doc) => extract(doc) }
    if (!props) {
      // Compat rule 10: an object without properties passes the mapped value through.
      return { name, schema, hasValue: false, run: (doc) => (path ? extract(doc) : doc) }
    }
    const children = Object.entries(props).map(([key, child]) => ({
      key,
      c: compileParam(
        child,
        joinPointer(pointer, 'properties', key),
        diagnostics,
        position === 'item' ? 'item' : 'property',
      ),
    }))
    schema.properties = Object.fromEntries(children.map(({ key, c }) => [key, c.schema]))
    return {
      name,
      schema,
      hasValue: children.some((x) => x.c.hasValue),
      run: (doc, root, ctx) => {
        const out: Record<string, unknown> = {}
        // Property mappings are relative to the document root, as in the format.
        for (const { key, c } of children) out[key] = c.run(root, root, ctx) ?? null
        return out
      },
    }
  }
  if (type === 'array') {
    const itemsSpec = Array.isArray(s.items) ? s.items[0] : s.items
    const items =
      itemsSpec && typeof itemsSpec === 'object'
        ? compileParam(itemsSpec, joinPointer(pointer, 'items'), diagnostics, 'item')
        : undefined
    if (items) schema.items = items.schema
    const project = position === 'top' && items !== undefined
    return {
      name,
      schema,
      hasValue: items?.hasValue ?? false,
      run: (doc, _root, ctx) => {
        const list = path ? extract(doc) : doc
        if (!Array.isArray(list)) return undefined
        // Item mappings are relative to each element.
        return project ? list.map((el) => items.run(el, el, ctx) ?? null) : list
      },
    }
  }
  return { name, schema, hasValue: false, run: (doc) => truncate(extract(doc)) }
}

function jsonPath(
  source: string,
  pointer: string,
  diagnostics: Diagnostic[],
): JsonPath | undefined {
  const result = compileJsonPath(source)
  if (result.error)
    diagnostics.push(
      diagnostic('INVALID_JSONPATH', {
        pointer,
        message: result.error,
        hint: 'Write a JSONPath such as $.items[0].id (RFC 9535); $ or $. is the whole document.',
      }),
    )
  return result.path
}

function template(
  source: string,
  pointer: string,
  diagnostics: Diagnostic[],
): Template | undefined {
  const result = compileTemplate(source)
  if (result.error)
    diagnostics.push(diagnostic('INVALID_TEMPLATE', { pointer, message: result.error }))
  return result.template
}
