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

/**
 * The body as undici gives it when its declared length is within the cap: the HTTP parser stops
 * at that length, so the only job left is mapping stream errors, done on the stream itself
 * instead of through a Transform (which cost ~10% of a small call). Otherwise, `limitBody`.
 */
export function boundedBody(
  source: Readable,
  declaredLength: string | undefined,
  maxBytes: number,
  operationId: string,
  origin: string,
): Readable {
  const length = declaredLength === undefined ? Number.NaN : Number(declaredLength)
  if (!(Number.isSafeInteger(length) && length >= 0 && length <= maxBytes))
    return limitBody(source, maxBytes, operationId, origin)
  const destroy = source.destroy.bind(source)
  // undici fails a body (timeout, reset) through destroy(error): map the error on its way in
  source.destroy = ((error?: Error | null) =>
    destroy(
      error instanceof Error && !(error instanceof EngineError)
        ? mapTransportError(error, operationId, origin)
        : (error ?? undefined),
    )) as typeof source.destroy
  // A body nobody reads yet must not crash the process when it times out; readers still see the error.
  source.on('error', () => undefined)
  return source
}
