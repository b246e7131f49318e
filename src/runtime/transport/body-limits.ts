import { EngineError } from '../../errors.js'

/** A reader's own limit was passed (an error excerpt, a token response, a step's document). */
export function tooLarge(maxBytes: number, operationId: string | undefined): EngineError {
  return new EngineError(
    'UPSTREAM_TOO_LARGE',
    operationId === undefined
      ? `Upstream response is larger than ${maxBytes} bytes`
      : `Upstream ${operationId} answered with more than ${maxBytes} bytes.`,
  )
}

/** The transport's cap for one response was passed. */
export function overCap(maxBytes: number, operationId: string, origin: string): EngineError {
  return new EngineError(
    'UPSTREAM_TOO_LARGE',
    `Upstream ${operationId} at ${origin} sent more than ${maxBytes} bytes`,
  )
}
