/** A consumed operation's `body` (engine-inventory §2.7–2.8) compiled to a BodyTemplate. */
import { lookupVariable, soleVariable } from './compile-template.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import type { BodyTemplate, TemplateContext } from './types.js'

/** Consumed `body` (engine-inventory §2.7–2.8), built structurally so value types survive. */
export function resolveBody(
  body: unknown,
  pointer: string,
  rc: ResolveContext,
): BodyTemplate | undefined {
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
