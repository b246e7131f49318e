/**
 * A listener for the control adapter alone, for `--control-port` when no file declares a control
 * expose. The adapter goes through the host's security wrapper (Host/Origin allow-lists, masking).
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { HttpAdapter, RequestContext } from '../../adapters/adapter.js'
import type { ListenerPlan } from '../plan-listeners.js'
import { answerClientError } from '../answer-client-error.js'

export interface ControlListener {
  readonly port: number
  readonly host: string
  readonly url: string
  close(): Promise<void>
}

/** The security layer's `wrap` (see create-security.ts), applied as on every host listener. */
export type WrapAdapter = (adapter: HttpAdapter, listener: ListenerPlan) => HttpAdapter

export async function startControlListener(
  adapter: HttpAdapter,
  host: string,
  port: number,
  wrap: WrapAdapter,
): Promise<ControlListener> {
  const wrapped = wrap(adapter, { port, rest: [], mcp: [], control: [], skill: [] })
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    const ctx: RequestContext = {
      id: randomUUID(),
      startedAt: performance.now(),
      traceparent: '',
      fields: {},
    }
    res.setHeader('x-request-id', ctx.id)
    if (wrapped.handle(req, res, ctx)) return
    res.statusCode = 404
    res.setHeader('content-type', 'application/json')
    res.end(
      JSON.stringify({
        error: `No control endpoint at ${(req.url ?? '/').split('?')[0]}; try /health/ready, /metrics, /status, /traces.`,
      }),
    )
  })
  server.on('clientError', (error, socket) => void answerClientError(error, socket))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const actual = (server.address() as AddressInfo).port
  return {
    port: actual,
    host,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
