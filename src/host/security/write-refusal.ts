/** Refusals in each surface's wire format: problem+json for REST/control, plain JSON for MCP. */
import type { ServerResponse } from 'node:http'
import { writeError } from '../../adapters/rest/to-problem.js'
import { EngineError, type EngineErrorCode } from '../../errors.js'

export function writeRefusal(
  res: ServerResponse,
  surface: string,
  status: 401 | 403 | 429,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (surface === 'mcp') {
    const error = status === 429 ? 'rate_limited' : status === 401 ? 'invalid_token' : 'forbidden'
    const body = JSON.stringify({ error, error_description: message })
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    })
    res.end(body)
    return
  }
  const code: EngineErrorCode =
    status === 401 ? 'UNAUTHORIZED' : status === 429 ? 'RATE_LIMITED' : 'FORBIDDEN'
  writeError(res, new EngineError(code, message), requestId, headers)
}
