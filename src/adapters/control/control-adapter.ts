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
  /** A file's script governance and counts: the first governed file's, or the one labelled `capability`. */
  scripting?(capability: string | undefined): ScriptingAnswer
  /** Applies a PUT /scripting body to the same file; `by` is who asked, for the audit line. */
  updateScripting?(patch: unknown, by: ScriptingRequest): ScriptingAnswer
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

/** A /scripting answer: the document, or why there is none (404) or the update is refused (400). */
export type ScriptingAnswer =
  | { readonly status: 200; readonly document: unknown }
  | { readonly status: 400 | 404; readonly error: string }

export interface ScriptingRequest {
  /** `?capability=<label>`, when given. */
  readonly capability: string | undefined
  /** The client's address, and its identity when inbound authentication established one. */
  readonly client: string | undefined
  readonly principal: string | undefined
}

/** The answer when no served file declares management.scripting. */
export const NO_SCRIPTING: ScriptingAnswer = {
  status: 404,
  error: 'No capability served here declares management.scripting.',
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
      if (path === '/scripting' && req.method === 'PUT') {
        putScripting(req, res, source, {
          capability: query.get('capability') ?? undefined,
          client: req.socket.remoteAddress,
          principal: ctx.principal,
        })
        return true
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const put = path === '/scripting'
        res.setHeader('allow', put ? 'GET, HEAD, PUT' : 'GET, HEAD')
        json(res, 405, {
          error: `${req.method} is not allowed on ${path}; use GET${put ? ' or PUT' : ''}.`,
        })
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
        case '/scripting':
          answer(res, source.scripting?.(query.get('capability') ?? undefined) ?? NO_SCRIPTING)
          break
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

/** A governance update is a handful of fields; anything larger is refused unread. */
const MAX_PUT_BYTES = 16 * 1024

function putScripting(
  req: IncomingMessage,
  res: ServerResponse,
  source: ControlSource,
  by: ScriptingRequest,
): void {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    req.resume()
    json(res, 415, {
      error: 'PUT /scripting takes a JSON body: send Content-Type: application/json.',
    })
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_PUT_BYTES) chunks.push(chunk)
  })
  req.on('error', () => res.destroy())
  req.on('end', () => {
    if (size > MAX_PUT_BYTES) {
      json(res, 413, {
        error: `The body is over ${MAX_PUT_BYTES} bytes; send only the fields to change.`,
      })
      return
    }
    let patch: unknown
    try {
      patch = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      json(res, 400, {
        error: 'The body is not valid JSON; send an object such as {"timeout": 2000}.',
      })
      return
    }
    answer(res, source.updateScripting?.(patch, by) ?? NO_SCRIPTING)
  })
}

function answer(res: ServerResponse, outcome: ScriptingAnswer): void {
  if (outcome.status === 200) json(res, 200, outcome.document)
  else json(res, outcome.status, { error: outcome.error })
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
