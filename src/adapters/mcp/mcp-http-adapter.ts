/**
 * MCP over Streamable HTTP. `/mcp` serves every MCP expose of the port, `/mcp/<namespace>` one
 * expose. Both protocol eras share each path: 2026-07-28 requests are answered statelessly by the
 * SDK handler; 2025-11-25 clients get a session (Mcp-Session-Id) after `initialize`.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createMcpHandler,
  isInitializeRequest,
  isLegacyRequest,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type McpHttpHandler,
} from '@modelcontextprotocol/server'
import { toNodeHandler, type NodeMcpRequestHandler } from '@modelcontextprotocol/node'
import type { McpExpose } from '../../model/types.js'
import type { AdapterDeps, AdapterOptions, HttpAdapter, RequestContext } from '../adapter.js'
import { defaultInvoke, type InvokeFn } from './invoke-fn.js'
import { buildMcpEndpoint, CONTEXT_KEY, type McpEndpoint } from './mcp-endpoint.js'
import {
  answerToolCall,
  hotPathCandidate,
  JSON_TYPE,
  LEGACY_REVISION,
  legacyToolCall,
  modernToolCall,
  PARSE_ERROR,
  readBodyText,
  writeRpcResult,
  type HotPathEra,
} from './tool-call-hot-path.js'
import { createOriginPolicy } from './origin-policy.js'
import { clientKey } from '../client-key.js'
import { createDisconnectSignals } from '../disconnect-signal.js'
import {
  DormantSession,
  sdkSession,
  type LegacySession,
  type LegacySessionDeps,
} from './legacy-session.js'
import { isPlainInitializedNotification, legacyInitialize } from './session-hot-path.js'
import { createSessionStore, type SessionStore } from './session-store.js'

export interface McpHttpAdapterOptions extends AdapterOptions {
  /** Idle time after which a legacy session is closed (default 10 minutes). */
  readonly sessionIdleMs?: number
  /** Most legacy sessions per endpoint (default 1000); when full the least recently used idle one is evicted. */
  readonly maxSessions?: number
  /** Runtime entry; tests pass a stub. */
  readonly invoke?: InvokeFn
  /** Reported as serverInfo.version. */
  readonly serverVersion?: string
  /** false: every request goes through the SDK, including 2026-07-28 tools/call (differential tests). */
  readonly fastToolCalls?: boolean
}

export const DEFAULT_SESSION_IDLE_MS = 10 * 60 * 1000
export const DEFAULT_MAX_SESSIONS = 1000
/** Where every MCP endpoint of a port is mounted: `/mcp` and `/mcp/<namespace>`. */
export const MOUNT = '/mcp'

interface Route {
  /** The path this route answers on, as reported in metrics. */
  readonly path: string
  readonly endpoint: McpEndpoint
  readonly modern: McpHttpHandler
  readonly sessions: SessionStore
  readonly node: NodeMcpRequestHandler
  /** What a dormant session of this route needs to build its SDK server. */
  readonly sessionDeps: LegacySessionDeps
}

export function createMcpHttpAdapter(
  exposes: readonly McpExpose[],
  deps: AdapterDeps,
  options: McpHttpAdapterOptions,
): HttpAdapter {
  const invoke = options.invoke ?? defaultInvoke
  const idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS
  const policy = createOriginPolicy(options.allowedHosts, options.allowedOrigins)
  const fast = options.fastToolCalls ?? true
  const disconnectSignal = createDisconnectSignals(options.cuttingConnections)
  const logger = deps.logger
  const endpointDeps =
    options.serverVersion === undefined
      ? { runtime: deps.runtime, logger, invoke }
      : { runtime: deps.runtime, logger, invoke, serverVersion: options.serverVersion }

  const makeRoute = (group: readonly McpExpose[], path: string): Route => {
    const endpoint = buildMcpEndpoint(group, endpointDeps)
    const onerror = (error: Error): void => logger.warn({ err: error }, 'MCP transport error')
    const modern = createMcpHandler(() => endpoint.createServer(), {
      legacy: 'reject',
      onerror,
      maxRequestBodySize: options.maxBodyBytes,
    })
    const sessions = createSessionStore({
      idleMs,
      maxSessions,
      clock: deps.clock,
      onClose: (id, reason) =>
        logger.info({ reason, sessions: sessions.size }, `MCP session ${reason}`),
    })
    const route: Route = {
      path,
      endpoint,
      modern,
      sessions,
      sessionDeps: {
        createServer: () => endpoint.createServer(),
        onClosed: (id) => sessions.remove(id),
      },
      node: toNodeHandler(
        { fetch: (request, opts) => dispatch(route, request, opts?.authInfo, opts?.parsedBody) },
        { maxRequestBodySize: options.maxBodyBytes, onerror },
      ),
    }
    return route
  }

  const all = makeRoute(exposes, MOUNT)
  const byNamespace = new Map<string, Route>()
  for (const expose of exposes) {
    byNamespace.set(
      expose.namespace,
      exposes.length === 1 ? all : makeRoute([expose], `${MOUNT}/${expose.namespace}`),
    )
  }
  const routes = [...new Set([all, ...byNamespace.values()])]
  const sweeper = setInterval(
    () => routes.forEach((r) => r.sessions.sweep()),
    Math.max(1000, Math.min(idleMs / 2, 30_000)),
  )
  sweeper.unref()

  const dispatch = async (
    route: Route,
    request: Request,
    authInfo: AuthInfo | undefined,
    preParsed: unknown,
  ): Promise<Response> => {
    let parsed: unknown = preParsed
    if (request.method === 'POST' && preParsed === undefined) {
      const type = request.headers.get('content-type') ?? ''
      if (!JSON_TYPE.test(type)) {
        return rpcError(
          415,
          -32000,
          'Unsupported Media Type: Content-Type must be application/json',
        )
      }
      const text = await request.text()
      try {
        parsed = JSON.parse(text)
      } catch {
        return rpcError(400, -32700, PARSE_ERROR)
      }
    }
    const handlerOptions =
      authInfo === undefined ? { parsedBody: parsed } : { parsedBody: parsed, authInfo }
    if (!(await isLegacyRequest(request, parsed)))
      return route.modern.fetch(request, handlerOptions)
    const sessionId = request.headers.get('mcp-session-id')
    if (sessionId === null) {
      if (request.method === 'POST' && isInitializeRequest(parsed))
        return startSession(route, request, handlerOptions)
      return rpcError(
        400,
        -32000,
        'Bad Request: Mcp-Session-Id header is required (send initialize first)',
      )
    }
    const session = route.sessions.acquire(sessionId) as LegacySession | undefined
    if (session === undefined || session.closed)
      return rpcError(404, -32001, 'Session not found: it expired or was closed, initialize again')
    try {
      return await (await session.transport()).handleRequest(request, handlerOptions)
    } finally {
      route.sessions.release(sessionId)
    }
  }

  const startSession = async (
    route: Route,
    request: Request,
    handlerOptions: { parsedBody: unknown; authInfo?: AuthInfo },
  ): Promise<Response> => {
    const client = String(handlerOptions.authInfo?.extra?.[CLIENT_KEY] ?? 'unknown')
    if (!route.sessions.makeRoom(client)) {
      return rpcError(503, -32000, tooManySessions(maxSessions))
    }
    const server = route.endpoint.createServer()
    const transport: WebStandardStreamableHTTPServerTransport =
      new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        // no tool sends mid-call notifications, so a plain JSON answer replaces the SSE stream
        enableJsonResponse: true,
        onsessioninitialized: (id) => route.sessions.add(id, session, client),
        onsessionclosed: (id) => route.sessions.remove(id),
      })
    const version = (handlerOptions.parsedBody as { params?: { protocolVersion?: unknown } }).params
      ?.protocolVersion
    const session = sdkSession(server, transport, version)
    await server.connect(transport)
    const response = await transport.handleRequest(request, handlerOptions)
    if (transport.sessionId === undefined) await session.close()
    return response
  }

  const forward = (
    route: Route,
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    parsedBody: unknown,
  ): void => {
    const auth: AuthInfo = {
      token: '',
      clientId: ctx.principal ?? 'anonymous',
      scopes: [],
      extra: { [CONTEXT_KEY]: ctx, [CLIENT_KEY]: clientKey(req, ctx) },
    }
    ;(req as IncomingMessage & { auth?: AuthInfo }).auth = auth
    route.node(req, res, parsedBody).catch((error: unknown) => failed(res, error))
  }

  const serveHot = async (
    route: Route,
    era: HotPathEra,
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    text: string,
  ): Promise<void> => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      writeRpcError(res, 400, -32700, PARSE_ERROR)
      return
    }
    const tools = route.endpoint.tools.byName
    if (era === 'modern') {
      const call = modernToolCall(parsed, req.headers, tools)
      if (call === undefined) forward(route, req, res, ctx, parsed)
      else await answerToolCall(route.endpoint, call, res, ctx, disconnectSignal(req))
      return
    }
    if (era === 'initialize') {
      const handshake = legacyInitialize(parsed)
      if (handshake === undefined) forward(route, req, res, ctx, parsed)
      else openSession(route, handshake.id, text, res, clientKey(req, ctx))
      return
    }
    const sessionId = req.headers['mcp-session-id'] as string
    const call = legacyToolCall(parsed, tools)
    const initialized = call === undefined && isPlainInitializedNotification(parsed)
    const session =
      call === undefined && !initialized
        ? undefined
        : (route.sessions.acquire(sessionId) as LegacySession | undefined)
    const hot =
      session !== undefined &&
      !session.closed &&
      session.version === LEGACY_REVISION &&
      (call !== undefined || session.dormant)
    if (!hot) {
      if (session !== undefined) route.sessions.release(sessionId)
      forward(route, req, res, ctx, parsed)
      return
    }
    try {
      if (call !== undefined)
        await answerToolCall(route.endpoint, call, res, ctx, disconnectSignal(req), sessionId)
      else {
        session.noteInitialized()
        res.writeHead(202).end()
      }
    } finally {
      route.sessions.release(sessionId)
    }
  }

  /** Answers initialize as the SDK would, with a session whose SDK server is built on first need. */
  const openSession = (
    route: Route,
    id: string | number,
    text: string,
    res: ServerResponse,
    client: string,
  ): void => {
    if (!route.sessions.makeRoom(client)) {
      writeRpcError(res, 503, -32000, tooManySessions(maxSessions))
      return
    }
    const sessionId = randomUUID()
    route.sessions.add(sessionId, new DormantSession(sessionId, text, route.sessionDeps), client)
    writeRpcResult(res, id, route.endpoint.initializeResult(LEGACY_REVISION), sessionId)
  }

  const failed = (res: ServerResponse, error: unknown): void => {
    logger.error({ err: error }, 'MCP request failed')
    if (!res.headersSent) writeRpcError(res, 500, -32603, 'Internal error')
    else res.destroy()
  }

  return {
    type: 'mcp',
    handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): boolean {
      const route = routeFor(req.url, all, byNamespace)
      if (route === undefined) return false
      ctx.fields.route = MOUNT
      const refusal = policy.check(req)
      if (refusal !== undefined) {
        writeRpcError(res, 403, -32000, `Forbidden: ${refusal}`)
        return true
      }
      const method = req.method ?? 'GET'
      if (method !== 'POST' && method !== 'GET' && method !== 'DELETE') {
        res.setHeader('Allow', 'GET, POST, DELETE')
        writeRpcError(res, 405, -32000, `Method not allowed: ${method}`)
        return true
      }
      const era =
        fast && method === 'POST' ? hotPathCandidate(req, options.maxBodyBytes) : undefined
      if (era !== undefined) {
        readBodyText(req)
          .then((text) => serveHot(route, era, req, res, ctx, text))
          .catch((error: unknown) => failed(res, error))
        return true
      }
      forward(route, req, res, ctx, undefined)
      return true
    },
    describe() {
      return [MOUNT, ...exposes.map((e) => `${MOUNT}/${e.namespace}`)]
    },
    stats: () => ({
      sessions: routes.map((r) => ({ endpoint: r.path, count: r.sessions.live() })),
    }),
    async close() {
      clearInterval(sweeper)
      await Promise.all(
        routes.map(async (r) => {
          await r.sessions.closeAll()
          await r.modern.close()
        }),
      )
    },
  }
}

/** Where the SDK path finds who opened a session (set beside the request context). */
const CLIENT_KEY = 'capstanClient'

function tooManySessions(limit: number): string {
  return `Too many MCP sessions (limit ${limit}); retry later`
}

function routeFor(
  url: string | undefined,
  all: Route,
  byNamespace: ReadonlyMap<string, Route>,
): Route | undefined {
  const path = (url ?? '/').split('?')[0] ?? '/'
  if (path === MOUNT || path === `${MOUNT}/`) return all
  if (!path.startsWith(`${MOUNT}/`)) return undefined
  const namespace = path.slice(MOUNT.length + 1).replace(/\/$/, '')
  return byNamespace.get(namespace)
}

function rpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  })
}

function writeRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null })
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}
