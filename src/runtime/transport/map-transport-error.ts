import { EngineError, isEngineError } from '../../errors.js'

const TIMEOUT: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
  ETIMEDOUT: 'connection timed out',
}
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
])
const RESET = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_CLOSED'])
const TLS =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_VERIFY_LEAF_SIGNATURE$|UNABLE_TO_GET_ISSUER_CERT|HOSTNAME_MISMATCH$)/

/** The first error code found along the cause chain. */
export function errorCode(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    current !== undefined && current !== null && depth < 5;
    depth++
  ) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'UND_ERR_CONNECT' && code !== 'UND_ERR') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** True for a reset that happened before any response arrived: safe to retry an idempotent call. */
export function isConnectionReset(error: unknown): boolean {
  const code = errorCode(error)
  return code !== undefined && RESET.has(code)
}

/**
 * Maps an undici or socket error to an EngineError naming the operation and origin only
 * (never headers, bodies or credentials).
 */
export function mapTransportError(
  error: unknown,
  operationId: string,
  origin: string,
): EngineError {
  if (isEngineError(error)) return error
  const code = errorCode(error)
  const where = `Upstream ${operationId} at ${origin}`
  if (code !== undefined && TIMEOUT[code] !== undefined)
    return new EngineError('UPSTREAM_TIMEOUT', `${where}: ${TIMEOUT[code]}`, { cause: error })
  if (code !== undefined && UNREACHABLE.has(code))
    return new EngineError('UPSTREAM_UNREACHABLE', `${where} is unreachable (${code})`, {
      cause: error,
    })
  if (code !== undefined && RESET.has(code))
    return new EngineError(
      'UPSTREAM_CONNECTION_RESET',
      `${where} closed the connection (${code})`,
      { cause: error },
    )
  if (code !== undefined && TLS.test(code))
    return new EngineError('UPSTREAM_TLS', `${where} failed TLS verification (${code})`, {
      cause: error,
    })
  return new EngineError(
    'UPSTREAM_UNREACHABLE',
    `${where} could not be called${code === undefined ? '' : ` (${code})`}`,
    { cause: error },
  )
}
