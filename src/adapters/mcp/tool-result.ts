/**
 * Maps what the runtime returned (or threw) to an MCP CallToolResult: JSON as text plus
 * structuredContent, bounded streams, and errors as `isError` results an agent can act on.
 */
import type { Readable } from 'node:stream'
import { isEngineError, UpstreamError, type EngineError } from '../../errors.js'
import type { InvokeResult } from '../../runtime/types.js'

export interface ToolResult {
  content: { type: 'text'; text: string }[]
  structuredContent?: Record<string, unknown>
  isError: boolean
  [key: string]: unknown
}

/** Agents pay per token: a streamed body is cut here. */
export const MAX_TOOL_TEXT_BYTES = 1024 * 1024
/** Upstream error bodies are quoted only this far. */
export const MAX_ERROR_BODY_BYTES = 2048

export function textResult(text: string, isError: boolean): ToolResult {
  return { content: [{ type: 'text', text }], isError }
}

export function valueResult(value: unknown): ToolResult {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null')
  const result = textResult(text, false)
  if (isPlainObject(value)) result.structuredContent = value
  return result
}

export async function toToolResult(
  result: InvokeResult,
  maxBytes = MAX_TOOL_TEXT_BYTES,
): Promise<ToolResult> {
  switch (result.kind) {
    case 'value':
      return valueResult(result.value)
    case 'empty':
      return textResult(`(no content, HTTP ${result.status})`, false)
    case 'stream': {
      // a body declared within the limit is read whole, without a stream
      const { text, truncated } =
        result.contentLength !== undefined && result.contentLength <= maxBytes
          ? { text: utf8(await result.body.bytes(maxBytes)), truncated: 0 }
          : await readBounded(result.body.stream(), maxBytes)
      if (truncated === 0) {
        const parsed = tryParseJson(text)
        if (parsed.ok) return valueResult(parsed.value)
        return textResult(text, false)
      }
      return textResult(`${text}…[truncated ${truncated} bytes]`, false)
    }
  }
}

/** Turns a failed call into an isError result; `redact` removes secret values from any text. */
export function errorToToolResult(
  error: unknown,
  redact: (text: string) => string,
): ToolResult | undefined {
  if (!isEngineError(error)) return undefined
  return textResult(redact(describeEngineError(error)), true)
}

function describeEngineError(error: EngineError): string {
  if (error instanceof UpstreamError) {
    const body = sanitizeBody(error.body, MAX_ERROR_BODY_BYTES)
    return body === ''
      ? `Upstream returned HTTP ${error.status}`
      : `Upstream returned HTTP ${error.status}: ${body}`
  }
  const lead = ERROR_LEADS[error.code]
  if (error.parameter !== undefined) {
    return `Argument \`${error.parameter}\` is invalid: ${stripControl(error.message)}`
  }
  return lead === undefined ? stripControl(error.message) : `${lead} ${stripControl(error.message)}`
}

const ERROR_LEADS: Partial<Record<EngineError['code'], string>> = {
  UPSTREAM_TIMEOUT: 'The upstream did not answer in time.',
  UPSTREAM_UNREACHABLE: 'The upstream could not be reached.',
  UPSTREAM_CONNECTION_RESET: 'The upstream closed the connection before answering.',
  UPSTREAM_TLS: 'The TLS handshake with the upstream failed.',
  UPSTREAM_TOO_LARGE: 'The upstream response is larger than the allowed size.',
  UPSTREAM_INVALID_RESPONSE: 'The upstream response could not be read.',
  UPSTREAM_REDIRECT_REFUSED: 'The upstream redirected elsewhere and the redirect was refused.',
  UPSTREAM_AUTH: 'Authenticating to the upstream failed.',
  MAPPING_FAILED: 'The upstream response did not have the expected shape.',
  SCRIPT_FAILED: 'A script step of this tool failed.',
  RATE_LIMITED: 'Too many calls: retry later.',
  POLICY_DENIED: 'This call is not allowed by policy.',
  INTERNAL: 'Internal error.',
}

/** Decodes at most `max` bytes as UTF-8 text with control characters removed. */
export function sanitizeBody(body: Uint8Array, max: number): string {
  const cut = body.byteLength > max
  const text = stripControl(
    Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, max)).toString('utf8'),
  )
  return cut ? `${text}…[truncated ${body.byteLength - max} bytes]` : text
}

export function stripControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
}

async function readBounded(
  body: Readable,
  max: number,
): Promise<{ text: string; truncated: number }> {
  const chunks: Buffer[] = []
  let kept = 0
  let dropped = 0
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array)
    const room = max - kept
    if (room > 0) {
      const part = buffer.byteLength > room ? buffer.subarray(0, room) : buffer
      chunks.push(part)
      kept += part.byteLength
      dropped += buffer.byteLength - part.byteLength
    } else {
      dropped += buffer.byteLength
    }
  }
  // toString('utf8') replaces a split trailing code point with U+FFFD rather than failing.
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: dropped }
}

function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const first = text.trimStart()[0]
  if (first !== '{' && first !== '[' && first !== '"') return { ok: false }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}
