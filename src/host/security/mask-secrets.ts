/**
 * Last line of defence for REST and control responses: any bound secret value an upstream echoes
 * (error bodies, passthrough streams, headers) is overwritten with `*` of the same length, so
 * Content-Length stays right. A secret split across writes is caught by holding back a short tail.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { replaceSecrets, secretTexts } from '../../secret-texts.js'

export interface SecretMasker {
  /** Masks what can be emitted now; keeps up to (longest secret - 1) bytes for the next call. */
  push(chunk: Buffer): Buffer
  flush(chunk?: Buffer): Buffer
  maskText(text: string): string
}

/** The secret values to look for, prepared once per set of bound values (not per response). */
export interface SecretPatterns {
  readonly buffers: readonly Buffer[]
  readonly texts: readonly string[]
  /** Bytes held back between writes: one less than the longest secret. */
  readonly keep: number
}

export function secretPatterns(values: Iterable<string>): SecretPatterns | undefined {
  const texts = secretTexts(values)
  if (texts.length === 0) return undefined
  const buffers = texts.map((v) => Buffer.from(v, 'utf8'))
  return { buffers, texts, keep: Math.max(...buffers.map((b) => b.length)) - 1 }
}

export function createSecretMasker(patterns: SecretPatterns): SecretMasker {
  const { buffers: secrets, texts, keep } = patterns
  let carry = Buffer.alloc(0)
  const mask = (data: Buffer) => {
    for (const s of secrets) {
      let at = data.indexOf(s)
      while (at >= 0) {
        data.fill(0x2a, at, at + s.length)
        at = data.indexOf(s, at + s.length)
      }
    }
    return data
  }
  return {
    push(chunk) {
      const data = mask(Buffer.concat([carry, chunk]))
      const cut = Math.max(0, data.length - keep)
      carry = Buffer.from(data.subarray(cut))
      return data.subarray(0, cut)
    },
    flush(chunk) {
      const data = mask(Buffer.concat([carry, chunk ?? Buffer.alloc(0)]))
      carry = Buffer.alloc(0)
      return data
    },
    maskText: (text) => replaceSecrets(text, texts, STARS),
  }
}

/** Same length, so Content-Length stays right. */
const STARS = (secret: string) => '*'.repeat(secret.length)

type Callback = (error?: Error | null) => void

/** Routes every body byte and header value of `res` through a fresh masker. */
export function maskResponse(res: ServerResponse, patterns: SecretPatterns | undefined): void {
  if (patterns === undefined) return
  const masker = createSecretMasker(patterns)
  // the masker concatenates (copies) before it overwrites, so the caller's bytes are never changed
  const toBuffer = (chunk: unknown, encoding: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(
            String(chunk),
            typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
          )
  const write = res.write.bind(res) as (chunk: Buffer, cb?: Callback) => boolean
  const end = res.end.bind(res) as (chunk?: Buffer, cb?: () => void) => ServerResponse
  const writeHead = res.writeHead.bind(res) as (
    status: number,
    ...rest: unknown[]
  ) => ServerResponse
  const setHeader = res.setHeader.bind(res)
  const maskHeaders = (headers: unknown): unknown => {
    if (headers === null || typeof headers !== 'object') return headers
    if (Array.isArray(headers))
      return headers.map((h) => (typeof h === 'string' ? masker.maskText(h) : h))
    const out: OutgoingHttpHeaders = {}
    for (const [k, v] of Object.entries(headers as OutgoingHttpHeaders))
      out[k] =
        typeof v === 'string'
          ? masker.maskText(v)
          : Array.isArray(v)
            ? v.map((x) => masker.maskText(x))
            : v
    return out
  }
  res.setHeader = (name, value) =>
    setHeader(
      name,
      typeof value === 'string'
        ? masker.maskText(value)
        : Array.isArray(value)
          ? value.map((x) => masker.maskText(String(x)))
          : value,
    )
  res.writeHead = ((status: number, ...rest: unknown[]) =>
    writeHead(
      status,
      ...rest.map((r) => (typeof r === 'string' ? r : maskHeaders(r))),
    )) as ServerResponse['writeHead']
  res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
    const callback = (typeof encoding === 'function' ? encoding : cb) as Callback | undefined
    const out = masker.push(toBuffer(chunk, encoding))
    if (out.length > 0) return write(out, callback)
    if (callback) process.nextTick(callback)
    return true
  }) as ServerResponse['write']
  res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown) => {
    const callback = (
      typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : cb
    ) as (() => void) | undefined
    const data =
      chunk === undefined || typeof chunk === 'function' || chunk === null
        ? undefined
        : toBuffer(chunk, encoding)
    return end(masker.flush(data), callback)
  }) as ServerResponse['end']
}
