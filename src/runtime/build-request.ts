/**
 * Pure request construction from a plan's slots: path templating with per-segment encoding and
 * traversal refusal, typed query values, header safety, and the body.
 */
import { InputError, EngineError } from '../errors.js'
import type { ConsumedOperation, Slot, TemplateContext, ValueSource } from '../model/types.js'
import { encodeMultipart } from './encode-multipart.js'
import { joinUrl } from './join-url.js'

export interface BuiltRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body: string | Uint8Array | undefined
}

export function sourceValue(
  source: ValueSource,
  values: Readonly<Record<string, unknown>>,
  context: () => TemplateContext,
): unknown {
  switch (source.kind) {
    case 'input':
      return values[source.input]
    case 'literal':
      return source.value
    case 'template':
      return source.template.isStatic
        ? source.template.render({})
        : source.template.render(context())
    case 'bind':
      return context()[source.variable]
  }
}

export function buildRequest(
  target: ConsumedOperation,
  slots: readonly Slot[],
  values: Readonly<Record<string, unknown>>,
  context: () => TemplateContext,
): BuiltRequest {
  const base = target.upstream.baseUri.isStatic
    ? target.upstream.baseUri.render({})
    : target.upstream.baseUri.render(context())
  if (!base) {
    throw new EngineError(
      'UPSTREAM_UNREACHABLE',
      `Upstream ${target.upstream.namespace} has no base URI; run with --upstream ${target.upstream.namespace}=<url>.`,
    )
  }
  const pathValues = new Map<string, string>()
  const query: [string, string][] = []
  const headers: Record<string, string> = {}
  const cookies: string[] = []
  let body: unknown
  let hasBody = false
  for (const slot of slots) {
    const value = sourceValue(slot.source, values, context)
    if (value === undefined || value === null || (value === '' && slot.location === 'path')) {
      if (slot.required)
        throw new InputError(
          `Missing required parameter \`${inputName(slot)}\`.`,
          inputName(slot),
          'INPUT_MISSING',
        )
      continue
    }
    switch (slot.location) {
      case 'path':
        pathValues.set(slot.name, safeSegment(value, inputName(slot)))
        break
      case 'query':
        if (Array.isArray(value)) for (const v of value) query.push([slot.name, scalar(v)])
        else query.push([slot.name, scalar(value)])
        break
      case 'header':
        headers[slot.name.toLowerCase()] = safeHeader(scalar(value), inputName(slot))
        break
      case 'cookie':
        cookies.push(`${slot.name}=${encodeURIComponent(scalar(value))}`)
        break
      case 'body':
        body = value
        hasBody = true
        break
    }
  }
  let path = ''
  for (const part of target.path) {
    if (part.kind === 'literal') path += part.text
    else {
      const v = pathValues.get(part.name)
      if (v === undefined)
        throw new InputError(
          `Missing required path parameter \`${part.name}\`.`,
          part.name,
          'INPUT_MISSING',
        )
      path += v
    }
  }
  const url = new URL(joinUrl(base, path))
  for (const [k, v] of query) url.searchParams.append(k, v)
  if (cookies.length > 0) headers.cookie = safeHeader(cookies.join('; '), 'cookie')
  let payload: string | Uint8Array | undefined
  if (target.body) {
    const ctx = context()
    switch (target.body.kind) {
      case 'json': {
        const value = target.body.build(ctx)
        // undefined means the body's sole variable is absent: send no body, like an omitted `in: body`.
        if (value === undefined) break
        payload = JSON.stringify(value)
        headers['content-type'] = 'application/json'
        break
      }
      case 'text':
        payload = target.body.template.render(ctx)
        headers['content-type'] = target.body.contentType
        break
      case 'form':
        payload = new URLSearchParams(target.body.build(ctx)).toString()
        headers['content-type'] = 'application/x-www-form-urlencoded'
        break
      case 'multipart': {
        const encoded = encodeMultipart(
          target.body.parts.map((p) => ({
            name: p.name,
            value: p.value.render(ctx),
            ...(p.filename === undefined ? {} : { filename: p.filename.render(ctx) }),
            ...(p.contentType === undefined ? {} : { contentType: p.contentType }),
          })),
        )
        payload = encoded.body
        headers['content-type'] = encoded.contentType
        break
      }
    }
  } else if (hasBody) {
    if (typeof body === 'string') {
      payload = body
      headers['content-type'] = 'text/plain; charset=utf-8'
    } else if (body instanceof Uint8Array) {
      payload = body
      headers['content-type'] = 'application/octet-stream'
    } else {
      payload = JSON.stringify(body)
      headers['content-type'] = 'application/json'
    }
  }
  return { method: target.method, url, headers, body: payload }
}

function inputName(slot: Slot): string {
  return slot.source.kind === 'input' ? slot.source.input : slot.name
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value)
}

const ENCODED_SEPARATOR = /%2f|%5c|%00/i
const DOTS = /^(?:\.|%2e){1,2}$/i

/** One path segment, percent-encoded; values that would change the path's shape are refused. */
export function safeSegment(value: unknown, name: string): string {
  const text = scalar(value)
  if (
    text === '' ||
    text.includes('/') ||
    text.includes('\\') ||
    ENCODED_SEPARATOR.test(text) ||
    DOTS.test(text) ||
    /[\u0000-\u001f]/.test(text)
  ) {
    throw new InputError(
      `Path parameter \`${name}\` must be a single non-empty path segment without "/", "\\" or dot segments.`,
      name,
      'PATH_PARAM_UNSAFE',
    )
  }
  return encodeURIComponent(text)
}

export function safeHeader(value: string, name: string): string {
  if (/[\r\n\0]/.test(value))
    throw new InputError(
      `Header value for \`${name}\` contains a line break or NUL, which is refused.`,
      name,
      'HEADER_VALUE_UNSAFE',
    )
  return value
}
