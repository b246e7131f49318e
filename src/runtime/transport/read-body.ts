import type { Readable } from 'node:stream'
import type { ReadBodyOptions } from '../types.js'
import { tooLarge } from './body-limits.js'

/**
 * Reads a whole body into memory, failing with UPSTREAM_TOO_LARGE past maxBytes (or keeping the
 * first maxBytes with `truncate`); the stream is destroyed at once so the socket is released.
 */
export async function readBody(
  stream: Readable,
  maxBytes: number,
  options: ReadBodyOptions = {},
): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
      if (total + buffer.length > maxBytes) {
        if (options.truncate) {
          chunks.push(buffer.subarray(0, maxBytes - total))
          total = maxBytes
          break
        }
        const error = tooLarge(maxBytes, options.operationId)
        stream.destroy(error)
        throw error
      }
      chunks.push(buffer)
      total += buffer.length
    }
  } finally {
    if (!stream.destroyed && !stream.readableEnded) stream.destroy()
  }
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
}
