/**
 * EngineError: a failed call at run time. Adapters turn these into their wire format
 * (REST problem+json, MCP tool error results); the runtime never formats them.
 */
export type EngineErrorCode =
  | 'INPUT_INVALID'
  | 'INPUT_MISSING'
  | 'PATH_PARAM_UNSAFE'
  | 'HEADER_VALUE_UNSAFE'
  | 'UPSTREAM_HTTP_ERROR'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNREACHABLE'
  | 'UPSTREAM_CONNECTION_RESET'
  | 'UPSTREAM_TLS'
  | 'UPSTREAM_TOO_LARGE'
  | 'UPSTREAM_INVALID_RESPONSE'
  | 'UPSTREAM_REDIRECT_REFUSED'
  | 'UPSTREAM_AUTH'
  | 'MAPPING_FAILED'
  /** A script step threw, ran past its timeout or memory, or its file could not be read. */
  | 'SCRIPT_FAILED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'POLICY_DENIED'
  /** The client closed its connection before the answer: logged (499), never sent. */
  | 'CLIENT_CLOSED'
  /** Shutdown's grace period ended with the request still running: the server cut it (503). */
  | 'SHUTTING_DOWN'
  | 'INTERNAL'

export class EngineError extends Error {
  readonly code: EngineErrorCode
  /** For INPUT_* errors: the parameter at fault. */
  readonly parameter: string | undefined
  constructor(
    code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown; parameter?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'EngineError'
    this.code = code
    this.parameter = options?.parameter
  }
}

export class InputError extends EngineError {
  constructor(
    message: string,
    parameter: string,
    code:
      | 'INPUT_INVALID'
      | 'INPUT_MISSING'
      | 'PATH_PARAM_UNSAFE'
      | 'HEADER_VALUE_UNSAFE' = 'INPUT_INVALID',
  ) {
    super(code, message, { parameter })
    this.name = 'InputError'
  }
}

/** Upstream answered with a non-2xx status; the body excerpt is bounded. */
export class UpstreamError extends EngineError {
  readonly status: number
  readonly contentType: string | undefined
  readonly body: Uint8Array
  readonly operationId: string
  constructor(
    status: number,
    operationId: string,
    body: Uint8Array,
    contentType: string | undefined,
  ) {
    super('UPSTREAM_HTTP_ERROR', `Upstream ${operationId} answered HTTP ${status}`)
    this.name = 'UpstreamError'
    this.status = status
    this.operationId = operationId
    this.body = body
    this.contentType = contentType
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError
}
