/**
 * The host: one node:http listener per port, every adapter of that port behind it, structured
 * request logs, limits, and a graceful shutdown that lets in-flight requests finish.
 */
import { randomUUID } from 'node:crypto'
import { createRandomHex, type RandomHex } from './create-random-hex.js'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Readable, Writable } from 'node:stream'
import type { Logger } from 'pino'
import type {
  AdapterDeps,
  AdapterOptions,
  HttpAdapter,
  RequestContext,
} from '../adapters/adapter.js'
import { createMcpHttpAdapter } from '../adapters/mcp/mcp-http-adapter.js'
import { createMcpStdioServer, type McpStdioHandle } from '../adapters/mcp/mcp-stdio-server.js'
import { createRestAdapter } from '../adapters/rest/rest-adapter.js'
import { createSkillAdapter } from '../adapters/skill/skill-adapter.js'
import { writeError } from '../adapters/rest/to-problem.js'
import { EngineError } from '../errors.js'
import type { Capability, ControlExpose } from '../model/types.js'
import type { RuntimeDeps } from '../runtime/types.js'
import { planListeners, type ListenerPlan, type PortOverrides } from './plan-listeners.js'
import { unauthenticatedExposes } from './security/check-exposure.js'
import { createSecurity, type SecurityOptions } from './security/create-security.js'
import { answerClientError } from './answer-client-error.js'

export interface HostOptions extends PortOverrides {
  readonly host?: string
  readonly maxBodyBytes?: number
  readonly maxHeaderBytes?: number
  readonly headersTimeoutMs?: number
  readonly requestTimeoutMs?: number
  readonly keepAliveTimeoutMs?: number
  readonly shutdownGraceMs?: number
  readonly allowedOrigins?: readonly string[]
  readonly allowedHosts?: readonly string[]
  /** Serve every MCP expose over stdio instead of HTTP. */
  readonly stdio?: boolean
  readonly stdin?: Readable
  readonly stdout?: Writable
  readonly sessionIdleMs?: number
  readonly maxSessions?: number
  readonly version?: string
  /** Extra adapters for a listener (control surface, inbound auth wrappers) — one row per concern. */
  readonly extraAdapters?: (listener: ListenerPlan, deps: AdapterDeps) => HttpAdapter[]
  /** Wraps each adapter (inbound authentication, policies, rate limits). */
  readonly wrapAdapter?: (adapter: HttpAdapter, listener: ListenerPlan) => HttpAdapter
  /** The sampled flag of a trace a request starts (default: every one). */
  readonly sampleTrace?: (traceId: string) => boolean
  /** Observes every finished request (metrics). */
  readonly onRequestEnd?: (ctx: RequestContext, status: number, durationMs: number) => void
  readonly onStdioEnd?: () => void
  /** Inbound authentication is always enforced; these tune policy, limits and CORS. */
  readonly security?: SecurityOptions
}

export interface Listener {
  readonly port: number
  readonly host: string
  readonly url: string
  readonly surfaces: readonly { readonly type: string; readonly paths: readonly string[] }[]
  readonly controls: readonly ControlExpose[]
}

export interface Host {
  readonly listeners: readonly Listener[]
  readonly stdio: boolean
  inFlight(): number
  close(): Promise<void>
}

export async function startHost(
  capabilities: readonly Capability[],
  runtime: RuntimeDeps,
  logger: Logger,
  options: HostOptions = {},
): Promise<Host> {
  const plan = planListeners(capabilities, options)
  if (plan.diagnostics.length > 0) throw new HostPlanError(plan.diagnostics.map((d) => d.message))
  const host = options.host ?? '127.0.0.1'
  const randomHex = createRandomHex()
  const open = unauthenticatedExposes(host, plan.listeners, options.stdio ?? false)
  if (open.length > 0 && !options.security?.allowUnauthenticated) {
    throw new HostPlanError([
      `Refusing to listen on ${host} without inbound authentication for: ${open.join(', ')}. Add \`authentication\` to each expose, bind 127.0.0.1, or pass --allow-unauthenticated.`,
    ])
  }
  if (open.length > 0)
    logger.warn(
      { exposes: open },
      `Serving on ${host} WITHOUT inbound authentication (--allow-unauthenticated): anyone who can reach the port acts with the upstream keys.`,
    )
  const deps: AdapterDeps = { runtime, logger, clock: () => performance.now() }
  const security = createSecurity(
    runtime,
    logger,
    {
      host,
      allowedHosts: options.allowedHosts ?? [],
      allowedOrigins: options.allowedOrigins ?? [],
    },
    options.security,
  )
  const adapterOptions: AdapterOptions = {
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    allowedOrigins: security.allowedOrigins,
    allowedHosts: security.allowedHosts,
    cuttingConnections: () => cutting,
  }
  const servers: { server: Server; adapters: HttpAdapter[] }[] = []
  const listeners: Listener[] = []
  let inFlight = 0
  let drained: (() => void) | undefined
  /** Connections the server itself ended, with the status it answered their open request with. */
  const endedByServer = new WeakMap<object, number>()
  /** Shutdown is cutting the requests still running after the grace period. */
  let cutting = false
  const stdioExposes = [
    ...plan.stdio,
    ...(options.stdio ? plan.listeners.flatMap((l) => l.mcp) : []),
  ]
  try {
    for (const l of plan.listeners) {
      const adapters: HttpAdapter[] = []
      if (l.mcp.length > 0 && !options.stdio) {
        adapters.push(
          createMcpHttpAdapter(security.filterMcp(l.mcp), deps, {
            ...adapterOptions,
            invoke: security.invoke,
            ...(options.sessionIdleMs ? { sessionIdleMs: options.sessionIdleMs } : {}),
            ...(options.maxSessions ? { maxSessions: options.maxSessions } : {}),
            ...(options.version ? { serverVersion: options.version } : {}),
          }),
        )
      }
      adapters.push(...(options.extraAdapters?.(l, deps) ?? []))
      // before REST, which answers every path (its 404 included)
      if (l.skill.length > 0) adapters.push(createSkillAdapter(l.skill, logger))
      if (l.rest.length > 0)
        adapters.push(
          createRestAdapter(l.rest, deps, {
            ...adapterOptions,
            policy: (op) => security.policy.refuseRoute(op),
          }),
        )
      if (adapters.length === 0) continue
      const wrapped = adapters.map((a) =>
        security.wrap(options.wrapAdapter ? options.wrapAdapter(a, l) : a, l),
      )
      const server = createServer(
        {
          maxHeaderSize: options.maxHeaderBytes ?? 16 * 1024,
          headersTimeout: options.headersTimeoutMs ?? 10_000,
          // Slow-header (slowloris) checks run on this interval; Node's default of 30 s outlives short timeouts.
          connectionsCheckingInterval: Math.max(
            20,
            Math.min(1_000, Math.floor((options.headersTimeoutMs ?? 10_000) / 2)),
          ),
          requestTimeout: options.requestTimeoutMs ?? 120_000,
          keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
        },
        (req, res) => {
          inFlight++
          const ctx = requestContext(req, randomHex, options.sampleTrace)
          res.setHeader('x-request-id', ctx.id)
          let ended = false
          const end = (): void => {
            if (ended) return
            ended = true
            inFlight--
            const durationMs = performance.now() - ctx.startedAt
            let status = res.statusCode
            if (!res.headersSent) {
              // closed before any response started: what the server answered, the shutdown's cut
              // (503), or else the client left (nginx's 499)
              const answered = endedByServer.get(req.socket)
              status = answered ?? (cutting ? 503 : 499)
              if (answered === undefined)
                ctx.fields.errorCode ??= cutting ? 'SHUTTING_DOWN' : 'CLIENT_CLOSED'
            }
            options.onRequestEnd?.(ctx, status, durationMs)
            logger.info(
              {
                requestId: ctx.id,
                method: req.method,
                path: (req.url ?? '/').split('?')[0],
                status,
                durationMs: Math.round(durationMs * 100) / 100,
                ...ctx.fields,
              },
              'request',
            )
            if (inFlight === 0) drained?.()
          }
          res.once('close', end)
          // a pipelined request queued behind another gets no 'close' when its client leaves
          if (res.socket === null) {
            const socket = req.socket
            socket.once('close', end)
            res.once('close', () => socket.off('close', end))
          }
          for (const adapter of wrapped) if (adapter.handle(req, res, ctx)) return
          writeError(
            res,
            new EngineError('NOT_FOUND', `No route for ${(req.url ?? '/').split('?')[0]}.`),
            ctx.id,
          )
        },
      )
      server.on('clientError', (error, socket) => {
        const status = answerClientError(error, socket)
        if (status !== undefined) endedByServer.set(socket, status)
      })
      await listen(server, l.port, host)
      const port = (server.address() as AddressInfo).port
      servers.push({ server, adapters: wrapped })
      listeners.push({
        port,
        host,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        surfaces: wrapped.map((a) => ({ type: a.type, paths: a.describe() })),
        controls: l.control,
      })
    }
  } catch (error) {
    await Promise.all(servers.map(({ server }) => new Promise((r) => server.close(r))))
    throw error
  }
  let stdioHandle: McpStdioHandle | undefined
  if (stdioExposes.length > 0) {
    stdioHandle = createMcpStdioServer(
      security.filterMcp(stdioExposes),
      deps,
      { stdin: options.stdin ?? process.stdin, stdout: options.stdout ?? process.stdout },
      {
        invoke: security.invoke,
        ...(options.onStdioEnd ? { onEnd: options.onStdioEnd } : {}),
        ...(options.version ? { serverVersion: options.version } : {}),
      },
    )
  }
  let closing: Promise<void> | undefined
  return {
    listeners,
    stdio: stdioHandle !== undefined,
    inFlight: () => inFlight,
    close() {
      closing ??= (async () => {
        for (const { server } of servers) server.close()
        for (const { server } of servers) server.closeIdleConnections()
        if (inFlight > 0) {
          await new Promise<void>((resolve) => {
            drained = resolve
            setTimeout(resolve, options.shutdownGraceMs ?? 10_000).unref()
          })
        }
        cutting = true
        for (const { server } of servers) server.closeAllConnections()
        await stdioHandle?.close()
        await Promise.all(servers.flatMap(({ adapters }) => adapters.map((a) => a.close())))
      })()
      return closing
    },
  }
}

export class HostPlanError extends Error {
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(problems.join('\n'))
    this.problems = problems
  }
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/

function requestContext(
  req: IncomingMessage,
  randomHex: RandomHex,
  sample: ((traceId: string) => boolean) | undefined,
): RequestContext {
  const incoming = req.headers.traceparent
  const valid =
    typeof incoming === 'string' && TRACEPARENT.test(incoming) && !/^00-0{32}-/.test(incoming)
  const traceId = valid ? incoming.slice(3, 35) : randomHex(16)
  const flags = valid
    ? incoming.slice(53, 55)
    : sample === undefined || sample(traceId)
      ? '01'
      : '00'
  const spanId = randomHex(8)
  return {
    id: randomUUID(),
    startedAt: performance.now(),
    traceparent: `00-${traceId}-${spanId}-${flags}`,
    trace: { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 },
    ...(valid ? { parentSpanId: incoming.slice(36, 52) } : {}),
    fields: {},
    spans: [],
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
}

export type { ServerResponse }
