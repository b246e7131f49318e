/**
 * The control surface: liveness, readiness, Prometheus metrics, status and recent traces. It reads
 * everything through a `ControlSource`, so it knows nothing about the host that feeds it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpAdapter, RequestContext } from '../adapter.js'
import { CONTROL_PATHS, controlRoute } from './control-route.js'

export interface ControlSource {
  /** 'starting' and 'draining' answer 503 on /health/ready. */
  state(): 'starting' | 'ready' | 'draining'
  metricsText(): string
  /** Endpoints the capability's `management` or `observability` turned off answer 404. */
  readonly serves?: {
    readonly metrics: boolean
    readonly traces: boolean
    readonly health?: boolean
    readonly status?: boolean
  }
  status(): unknown
  /** Script governance and counts, when a capability declares management.scripting. */
  scripting?(): unknown
  traces: {
    list(filter: {
      operation?: string
      status?: string
    }): readonly { readonly traceId: string; readonly spans: readonly unknown[] }[]
    find(traceId: string): { readonly traceId: string } | undefined
    readonly capacity: number
    size(): number
  }
}

export function createControlAdapter(source: ControlSource): HttpAdapter {
  return {
    type: 'control',
    describe: () => CONTROL_PATHS,
    close: async () => {},
    handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): boolean {
      const target = controlRoute(req.url ?? '/')
      if (target === undefined) return false
      const { path, query } = target
      ctx.fields.control = true
      ctx.fields.route = `control ${target.route}`
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD')
        json(res, 405, { error: `${req.method} is not allowed on ${path}; use GET.` })
        return true
      }
      const serves = source.serves
      const byObservability =
        (path === '/metrics' && serves?.metrics === false) ||
        (path.startsWith('/traces') && serves?.traces === false)
      const byManagement =
        (path.startsWith('/health/') && serves?.health === false) ||
        (path === '/status' && serves?.status === false)
      if (byObservability || byManagement) {
        json(res, 404, {
          error: `${target.route} is turned off by the capability's ${byManagement ? 'management' : 'observability'} settings.`,
        })
        return true
      }
      switch (path) {
        case '/health/live':
          json(res, 200, { status: 'UP' })
          break
        case '/health/ready': {
          const state = source.state()
          json(res, state === 'ready' ? 200 : 503, {
            status: state === 'ready' ? 'UP' : state === 'starting' ? 'STARTING' : 'DRAINING',
          })
          break
        }
        case '/metrics':
          send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', source.metricsText())
          break
        case '/status':
          json(res, 200, source.status())
          break
        case '/scripting': {
          const doc = source.scripting?.()
          if (doc === undefined)
            json(res, 404, { error: 'No capability served here declares management.scripting.' })
          else json(res, 200, doc)
          break
        }
        case '/traces': {
          const filter = {
            ...optional('operation', query.get('operation')),
            ...optional('status', query.get('status')),
          }
          const traces = source.traces
            .list(filter)
            .map(({ spans, ...summary }) => ({ ...summary, spanCount: spans.length }))
          json(res, 200, {
            traces,
            bufferSize: source.traces.capacity,
            bufferUsed: source.traces.size(),
          })
          break
        }
        default: {
          const id = decodeURIComponent(path.slice('/traces/'.length))
          const trace = /^[0-9a-f]{32}$/.test(id) ? source.traces.find(id) : undefined
          if (trace) json(res, 200, trace)
          else json(res, 404, { error: `Trace not found: ${id.slice(0, 64)}` })
        }
      }
      return true
    },
  }
}

function optional(key: string, value: string | null): Record<string, string> {
  return value ? { [key]: value } : {}
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body))
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status
  res.setHeader('content-type', type)
  res.setHeader('cache-control', 'no-store')
  res.end(res.req?.method === 'HEAD' ? undefined : body)
}
