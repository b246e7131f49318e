/** Who a request counts against for per-client limits: one definition for rate limits and MCP sessions. */
import type { IncomingMessage } from 'node:http'
import type { RequestContext } from './adapter.js'

/** The authenticated principal, else the remote address. */
export function clientKey(req: IncomingMessage, ctx: RequestContext): string {
  return ctx.principal ?? req.socket.remoteAddress ?? 'unknown'
}
