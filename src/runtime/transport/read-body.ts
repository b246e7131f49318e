import type { Readable } from 'node:stream'
import { EngineError } from '../../errors.js'

/**
 * Reads a whole body into memory, failing with UPSTREAM_TOO_LARGE past maxBytes (the stream is
 * destroyed at once so the socket is released).
 */
export async function readBody(stream: Readable, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
      total += buffer.length
      if (total > maxBytes) {
        const error = new EngineError(
          'UPSTREAM_TOO_LARGE',
          `Upstream response is larger than ${maxBytes} bytes`,
        )
        stream.destroy(error)
        throw error
      }
      chunks.push(buffer)
    }
  } finally {
    if (!stream.destroyed && !stream.readableEnded) stream.destroy()
  }
  const body = Buffer.concat(chunks, total)
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
}
