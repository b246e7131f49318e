/** Request → input values: route variables, typed query, headers and JSON body, validated at the edge. */
import type { IncomingMessage } from 'node:http'
import { EngineError, InputError } from '../../errors.js'
import type { Input } from '../../model/types.js'

export function extractInputs(
  inputs: readonly Input[],
  req: IncomingMessage,
  params: Readonly<Record<string, string>>,
  query: URLSearchParams,
  body: unknown,
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const input of inputs) {
    if (input.fixed !== undefined) {
      values[input.name] = input.fixed
      continue
    }
    let raw: unknown
    switch (input.location) {
      case 'path': {
        const p = params[input.name]
        raw = p === undefined ? undefined : decodeSegment(p, input.name)
        break
      }
      case 'query':
      case 'argument':
        raw =
          input.type === 'array'
            ? query.has(input.name)
              ? query.getAll(input.name).flatMap((v) => v.split(','))
              : undefined
            : (query.get(input.name) ?? undefined)
        break
      case 'header': {
        const h = req.headers[input.name.toLowerCase()]
        raw = Array.isArray(h) ? h[0] : h
        break
      }
      case 'cookie':
        raw = cookie(req.headers.cookie, input.name)
        break
      case 'body':
        raw = input.wholeBody
          ? body
          : input.bodyPath
            ? input.bodyPath.evaluate(body)
            : body && typeof body === 'object'
              ? (body as Record<string, unknown>)[input.name]
              : undefined
        break
    }
    if (raw === undefined || raw === null) {
      if (input.required)
        throw new InputError(
          `Missing required ${where(input)} \`${input.name}\`.`,
          input.name,
          'INPUT_MISSING',
        )
      continue
    }
    values[input.name] = coerce(input, raw)
  }
  return values
}

function where(input: Input): string {
  return input.location === 'path'
    ? 'path parameter'
    : input.location === 'body'
      ? input.wholeBody
        ? 'JSON request body'
        : 'body field'
      : `${input.location} parameter`
}

function decodeSegment(value: string, name: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw new InputError(`Path parameter \`${name}\` is not valid percent-encoding.`, name)
  }
}

function coerce(input: Input, raw: unknown): unknown {
  const fail = (rule: string): never => {
    throw new InputError(`Parameter \`${input.name}\` must be ${rule}.`, input.name)
  }
  if (typeof raw !== 'string') {
    if (
      input.type === 'object' &&
      (typeof raw !== 'object' || Array.isArray(raw)) &&
      !input.wholeBody
    )
      fail('a JSON object')
    return raw
  }
  let value: unknown = raw
  switch (input.type) {
    case 'integer':
      if (!/^-?\d+$/.test(raw)) fail('an integer')
      value = Number(raw)
      break
    case 'number':
      if (raw.trim() === '' || !Number.isFinite(Number(raw))) fail('a number')
      value = Number(raw)
      break
    case 'boolean':
      if (raw === 'true' || raw === '1') value = true
      else if (raw === 'false' || raw === '0') value = false
      else fail('true or false')
      break
    case 'object':
      if (input.location !== 'body') {
        try {
          value = JSON.parse(raw)
        } catch {
          fail('a JSON object')
        }
      }
      break
  }
  if (
    input.pattern !== undefined &&
    typeof value === 'string' &&
    !new RegExp(input.pattern, 'u').test(value)
  )
    fail(`match the pattern ${input.pattern}`)
  return value
}

function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return undefined
}

/** Reads the request body with a byte cap; past the cap → 413 without reading further. */
export async function readRequestBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new EngineError('PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBytes} bytes.`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes)
      throw new EngineError('PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBytes} bytes.`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks, size)
}

const MAX_DEPTH = 64

export function parseJsonBody(buffer: Buffer, contentType: string | undefined): unknown {
  if (buffer.length === 0) return undefined
  const text = buffer.toString('utf8')
  const isJson = contentType === undefined || /json/i.test(contentType)
  if (!isJson) return text
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const why =
      error instanceof SyntaxError ? error.message.replace(/\s+in JSON.*$/, '') : 'syntax error'
    throw new InputError(`Request body is not valid JSON: ${why}.`, 'body')
  }
  if (depth(value, 0) > MAX_DEPTH)
    throw new InputError(`Request body nests deeper than ${MAX_DEPTH} levels.`, 'body')
  return value
}

function depth(value: unknown, level: number): number {
  if (level > MAX_DEPTH || value === null || typeof value !== 'object') return level
  let max = level
  for (const v of Object.values(value)) {
    max = Math.max(max, depth(v, level + 1))
    if (max > MAX_DEPTH) break
  }
  return max
}
