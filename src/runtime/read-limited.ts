/** Reads a body stream into memory with a byte cap (the transport enforces the hard cap too). */
import type { Readable } from 'node:stream'
import { EngineError } from '../errors.js'

export async function readLimited(stream: Readable, maxBytes: number, operationId: string, truncate = false): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buf = chunk as Buffer
    if (size + buf.length > maxBytes) {
      if (truncate) {
        chunks.push(buf.subarray(0, maxBytes - size))
        size = maxBytes
        stream.destroy()
        break
      }
      stream.destroy()
      throw new EngineError('UPSTREAM_TOO_LARGE', `Upstream ${operationId} answered with more than ${maxBytes} bytes.`)
    }
    chunks.push(buf)
    size += buf.length
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
}
