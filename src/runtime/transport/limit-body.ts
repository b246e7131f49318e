import { Transform, type Readable } from 'node:stream'
import { EngineError } from '../../errors.js'
import { mapTransportError } from './map-transport-error.js'

/**
 * Wraps an upstream body: the result errors with UPSTREAM_TOO_LARGE once more than maxBytes
 * arrive (the socket is released at once), and maps stream errors (body timeout) to EngineErrors.
 */
export function limitBody(
  source: Readable,
  maxBytes: number,
  operationId: string,
  origin: string,
): Readable {
  let total = 0
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length
      if (total > maxBytes) {
        callback(
          new EngineError(
            'UPSTREAM_TOO_LARGE',
            `Upstream ${operationId} at ${origin} sent more than ${maxBytes} bytes`,
          ),
        )
      } else callback(null, chunk)
    },
  })
  // A body nobody reads yet must not crash the process when it times out; readers still see the error.
  limited.on('error', () => undefined)
  source.on('error', (error) => limited.destroy(mapTransportError(error, operationId, origin)))
  limited.on('close', () => {
    if (!source.destroyed) source.destroy()
  })
  source.pipe(limited)
  return limited
}
