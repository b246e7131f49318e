/** HTTP status for each engine error code, shared by the REST and control surfaces. */
import type { EngineErrorCode } from '../errors.js'

export const ERROR_STATUS: Readonly<Record<EngineErrorCode, number>> = {
  INPUT_INVALID: 400,
  INPUT_MISSING: 400,
  PATH_PARAM_UNSAFE: 400,
  HEADER_VALUE_UNSAFE: 400,
  UPSTREAM_HTTP_ERROR: 502,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_UNREACHABLE: 502,
  UPSTREAM_CONNECTION_RESET: 502,
  UPSTREAM_TLS: 502,
  UPSTREAM_TOO_LARGE: 502,
  UPSTREAM_INVALID_RESPONSE: 502,
  UPSTREAM_REDIRECT_REFUSED: 502,
  UPSTREAM_AUTH: 502,
  MAPPING_FAILED: 502,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  POLICY_DENIED: 403,
  INTERNAL: 500,
}

export const ERROR_TITLE: Readonly<Record<EngineErrorCode, string>> = {
  INPUT_INVALID: 'Invalid input',
  INPUT_MISSING: 'Missing input',
  PATH_PARAM_UNSAFE: 'Unsafe path parameter',
  HEADER_VALUE_UNSAFE: 'Unsafe header value',
  UPSTREAM_HTTP_ERROR: 'Upstream error',
  UPSTREAM_TIMEOUT: 'Upstream timeout',
  UPSTREAM_UNREACHABLE: 'Upstream unreachable',
  UPSTREAM_CONNECTION_RESET: 'Upstream connection reset',
  UPSTREAM_TLS: 'Upstream TLS failure',
  UPSTREAM_TOO_LARGE: 'Upstream response too large',
  UPSTREAM_INVALID_RESPONSE: 'Upstream response invalid',
  UPSTREAM_REDIRECT_REFUSED: 'Upstream redirect refused',
  UPSTREAM_AUTH: 'Upstream authentication failed',
  MAPPING_FAILED: 'Output mapping failed',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNAUTHORIZED: 'Unauthorized',
  FORBIDDEN: 'Forbidden',
  RATE_LIMITED: 'Too many requests',
  POLICY_DENIED: 'Denied by policy',
  INTERNAL: 'Internal error',
}

export const PROBLEM_TYPE_BASE = 'https://capstan.dev/errors#'
