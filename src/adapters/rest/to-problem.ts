/** The REST adapter's one error → wire function: problem+json for engine errors, passthrough for upstream ones. */
import type { ServerResponse } from 'node:http'
import { EngineError, UpstreamError } from '../../errors.js'
import { ERROR_STATUS, ERROR_TITLE, PROBLEM_TYPE_BASE } from '../error-status.js'

/** Marks who produced an error response, so clients can tell upstream errors from engine errors. */
export const ERROR_SOURCE_HEADER = 'capstan-error-source'

export function writeError(
  res: ServerResponse,
  error: unknown,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof UpstreamError) {
    res.writeHead(error.status, {
      'content-type': error.contentType ?? 'application/octet-stream',
      'content-length': String(error.body.length),
      [ERROR_SOURCE_HEADER]: 'upstream',
    })
    res.end(error.body)
    return
  }
  const e =
    error instanceof EngineError
      ? error
      : new EngineError(
          'INTERNAL',
          'An internal error occurred; see the server log for the request id.',
        )
  const status = ERROR_STATUS[e.code]
  const body = JSON.stringify({
    type: PROBLEM_TYPE_BASE + e.code,
    title: ERROR_TITLE[e.code],
    status,
    detail: e.message,
    code: e.code,
    ...(e.parameter === undefined ? {} : { parameter: e.parameter }),
    instance: requestId,
  })
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': String(Buffer.byteLength(body)),
    [ERROR_SOURCE_HEADER]: 'engine',
    ...extraHeaders,
  })
  res.end(body)
}
