/**
 * Everything between the socket and an adapter: Host/Origin allow-lists, CORS, inbound
 * authentication, per-client and per-tool rate limits and concurrency caps, and tool policy.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import type { HttpAdapter, RequestContext } from '../../adapters/adapter.js'
import { clientKey } from '../../adapters/client-key.js'
import {
  createInboundAuthenticator,
  type InboundAuthenticator,
} from '../../adapters/inbound-auth/index.js'
import type { FetchLike } from '../../adapters/inbound-auth/types.js'
import { defaultInvoke, type InvokeFn } from '../../adapters/mcp/invoke-fn.js'
import { createOriginPolicy } from '../../adapters/mcp/origin-policy.js'
import { createRouteTable } from '../../adapters/rest/route-table.js'
import { writeError } from '../../adapters/rest/to-problem.js'
import { EngineError } from '../../errors.js'
import type { Authentication, McpExpose, Plan } from '../../model/types.js'
import type { RuntimeDeps } from '../../runtime/types.js'
import type { ListenerPlan } from '../plan-listeners.js'
import { maskResponse, secretPatterns, type SecretPatterns } from './mask-secrets.js'
import { requiredCredentials, restPath } from './required-credentials.js'
import { surfaceClaim } from './surface-claims.js'
import { createConcurrencyGate, createRateLimiter, type RateLimit } from './rate-limiter.js'
import { createToolPolicy, type ToolPolicy, type ToolPolicyOptions } from './tool-policy.js'
import { writeRefusal } from './write-refusal.js'

export interface SecurityOptions extends ToolPolicyOptions {
  /** Serve exposes without inbound authentication on a non-loopback address (warns). */
  readonly allowUnauthenticated?: boolean
  /** Origins that get CORS headers; CORS is off when empty. */
  readonly corsOrigins?: readonly string[]
  /** Per client (principal, else remote address): requests or tool calls per second. */
  readonly rateLimit?: RateLimit
  /** Per tool or REST operation, all clients together. */
  readonly toolRateLimit?: RateLimit
  /** In-flight requests or tool calls per client. */
  readonly maxConcurrency?: number
  /** Used by OAuth discovery and JWKS fetches (global fetch by default). */
  readonly fetch?: FetchLike
  /** Wall clock in ms (Date.now by default). */
  readonly now?: () => number
}

export interface Security {
  readonly policy: ToolPolicy
  readonly allowedHosts: readonly string[]
  readonly allowedOrigins: readonly string[]
  /** MCP exposes after policy, with their tool plans registered for the invoke wrapper. */
  filterMcp(exposes: readonly McpExpose[]): McpExpose[]
  /** Runtime entry for MCP: confirm check, per-client and per-tool limits. */
  readonly invoke: InvokeFn
  wrap(adapter: HttpAdapter, listener: ListenerPlan): HttpAdapter
}

const WELL_KNOWN = '/.well-known/oauth-protected-resource'

export function createSecurity(
  runtime: RuntimeDeps,
  logger: Logger,
  bind: { host: string; allowedHosts: readonly string[]; allowedOrigins: readonly string[] },
  options: SecurityOptions = {},
): Security {
  const now = options.now ?? Date.now
  const policy = createToolPolicy(options)
  // bound values are resolved once per load (a reload brings a new map): prepare them once each
  const patterns = new WeakMap<ReadonlyMap<string, string>, SecretPatterns | undefined>()
  const patternsOf = (values: ReadonlyMap<string, string>): SecretPatterns | undefined => {
    if (!patterns.has(values)) patterns.set(values, secretPatterns(values.values()))
    return patterns.get(values)
  }
  const corsOrigins = new Set(
    (options.corsOrigins ?? []).map((o) => o.toLowerCase().replace(/\/+$/, '')),
  )
  const wildcard = bind.host === '0.0.0.0' || bind.host === '::' || bind.host === ''
  const allowedHosts = [...bind.allowedHosts, ...(wildcard ? [] : [bind.host])]
  const allowedOrigins = [...bind.allowedOrigins, ...corsOrigins]
  const originPolicy = createOriginPolicy(allowedHosts, allowedOrigins)
  const authDeps = {
    context: runtime.secrets.context,
    fetch: options.fetch ?? ((url: string, init?: RequestInit) => fetch(url, init)),
    now,
    secretKey: randomBytes(32),
  }
  const authenticators = new Map<Authentication, InboundAuthenticator>()
  const authenticatorOf = (
    auth: Authentication | undefined,
    where: string,
  ): InboundAuthenticator | undefined => {
    if (auth === undefined) return undefined
    let a = authenticators.get(auth)
    if (a === undefined) {
      const made = createInboundAuthenticator(auth, authDeps)
      if (made.problem !== undefined)
        logger.warn(`Inbound authentication of ${where} refuses every request: ${made.problem}.`)
      authenticators.set(auth, (a = made.authenticator))
    }
    return a
  }
  const clientLimiter = options.rateLimit ? createRateLimiter(options.rateLimit, now) : undefined
  const toolLimiter = options.toolRateLimit
    ? createRateLimiter(options.toolRateLimit, now)
    : undefined
  const gate = options.maxConcurrency ? createConcurrencyGate(options.maxConcurrency) : undefined
  const client = new AsyncLocalStorage<string>()
  const perClient = clientLimiter !== undefined || gate !== undefined
  const toolOf = new WeakMap<Plan, string>()

  /** Milliseconds to wait, or 0 when this call may proceed. */
  const limit = (
    key: string,
    tool: string | undefined,
  ): { waitMs: number; why: string } | undefined => {
    const c = clientLimiter?.take(`c:${key}`) ?? 0
    if (c > 0)
      return {
        waitMs: c,
        why: `Rate limit of ${options.rateLimit!.perSecond}/s per client exceeded`,
      }
    const t = tool === undefined ? 0 : (toolLimiter?.take(`t:${tool}`) ?? 0)
    if (t > 0)
      return {
        waitMs: t,
        why: `Rate limit of ${options.toolRateLimit!.perSecond}/s for ${tool} exceeded`,
      }
    return undefined
  }

  const invoke: InvokeFn = async (plan, values, deps, opts) => {
    const tool = toolOf.get(plan) ?? plan.label
    // `confirm` is an argument-only input of the plan: it is validated there and never sent upstream.
    if (policy.needsConfirm(plan) && values.confirm !== true)
      throw new EngineError(
        'POLICY_DENIED',
        `Tool ${tool} makes a destructive change: ask the user, then call it again with "confirm": true.`,
      )
    const key = client.getStore() ?? 'local'
    const limited = limit(key, tool)
    if (limited)
      throw new EngineError(
        'RATE_LIMITED',
        `${limited.why}; retry after ${Math.ceil(limited.waitMs / 1000)} s.`,
      )
    if (gate && !gate.enter(key))
      throw new EngineError(
        'RATE_LIMITED',
        `Too many concurrent calls (at most ${options.maxConcurrency} per client); retry after 1 s.`,
      )
    try {
      return await defaultInvoke(plan, values, deps, opts)
    } finally {
      gate?.leave(key)
    }
  }

  const wrap = (adapter: HttpAdapter, listener: ListenerPlan): HttpAdapter => {
    const surface = adapter.type
    const claim = surfaceClaim(
      surface,
      adapter.describe().map((d) => d.replace(/^[A-Z]+ /, '')),
    )
    const restTable = surface === 'rest' ? createRouteTable(listener.rest) : undefined
    const required = requiredCredentials(surface, listener, authenticatorOf, restTable)
    const oauth =
      surface === 'mcp'
        ? listener.mcp
            .map((e) => authenticatorOf(e.authentication, `mcp expose "${e.namespace}"`))
            .find((a) => a?.protectedResource)?.protectedResource
        : undefined
    const claims = (target: string, pathname: string) =>
      claim({ target, pathname }) || (oauth !== undefined && pathname.startsWith(WELL_KNOWN))

    const serveMetadata = (req: IncomingMessage, res: ServerResponse, path: string) => {
      const resourcePath = path.slice(WELL_KNOWN.length) || '/mcp'
      const body = JSON.stringify({
        resource: oauth!.resource ?? `http://${req.headers.host}${resourcePath}`,
        authorization_servers: oauth!.authorizationServers,
        ...(oauth!.scopes.length > 0 ? { scopes_supported: oauth!.scopes } : {}),
        bearer_methods_supported: ['header'],
      })
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' })
      res.end(body)
    }

    const proceed = async (
      req: IncomingMessage,
      res: ServerResponse,
      ctx: RequestContext,
      url: { pathname: string; searchParams: URLSearchParams },
    ): Promise<void> => {
      const path = url.pathname
      const { mode, list } = required(path)
      if (list.length > 0) {
        const request = {
          method: req.method ?? 'GET',
          target: req.url ?? '/',
          headers: req.headers,
          query: url.searchParams,
        }
        const outcomes = await Promise.all(list.map((a) => a.authenticate(request)))
        const passed = outcomes.filter((o) => o.ok)
        const ok = mode === 'all' ? passed.length === outcomes.length : passed.length > 0
        if (!ok) {
          const failure = outcomes.find((o) => !o.ok)!
          if (failure.ok) return
          ctx.fields.errorCode = failure.status === 403 ? 'FORBIDDEN' : 'UNAUTHORIZED'
          const challenges =
            typeof failure.challenge === 'string'
              ? [failure.challenge]
              : [...(failure.challenge ?? [])]
          const metadata =
            surface === 'mcp' && oauth
              ? `, resource_metadata="http://${req.headers.host}${WELL_KNOWN}${path}"`
              : ''
          const header = challenges.map((c, i) => (i === 0 ? c + metadata : c)).join(', ')
          writeRefusal(
            res,
            surface,
            failure.status,
            failure.message,
            ctx.id,
            header ? { 'www-authenticate': header } : {},
          )
          return
        }
        ctx.principal = passed.map((o) => (o.ok ? o.principal : '')).join('+')
      }
      const key = clientKey(req, ctx)
      if (surface === 'rest') {
        const op = restTable
          ?.match(restPath(path))
          ?.routes.find((r) => r.operation.method === req.method)?.operation
        const limited = limit(key, op?.name)
        if (limited) {
          ctx.fields.errorCode = 'RATE_LIMITED'
          writeRefusal(
            res,
            surface,
            429,
            `${limited.why}; retry after ${Math.ceil(limited.waitMs / 1000)} s.`,
            ctx.id,
            { 'retry-after': String(Math.ceil(limited.waitMs / 1000)) },
          )
          return
        }
        if (gate) {
          if (!gate.enter(key)) {
            ctx.fields.errorCode = 'RATE_LIMITED'
            writeRefusal(
              res,
              surface,
              429,
              `Too many concurrent requests (at most ${options.maxConcurrency} per client); retry after 1 s.`,
              ctx.id,
              { 'retry-after': '1' },
            )
            return
          }
          res.once('close', () => gate.leave(key))
        }
      }
      const serve = (): void => {
        try {
          if (!adapter.handle(req, res, ctx))
            writeError(res, new EngineError('NOT_FOUND', `No route for ${path}.`), ctx.id)
        } catch (error) {
          // A bug in the wrapped adapter is a 500, never a misleading 401.
          logger.error(
            {
              requestId: ctx.id,
              err:
                error instanceof Error
                  ? { name: error.name, message: error.message }
                  : String(error),
            },
            'adapter failed',
          )
          writeError(res, error, ctx.id)
        }
      }
      // the client key only matters to per-client limits; async context costs every promise
      if (perClient) client.run(key, serve)
      else serve()
    }

    return {
      type: adapter.type,
      describe: () => adapter.describe(),
      close: () => adapter.close(),
      handle(req, res, ctx) {
        const target = req.url ?? '/'
        const q = target.indexOf('?')
        // The raw path (no dot-segment normalisation): the same path the adapters route on.
        const url = {
          pathname: q < 0 ? target : target.slice(0, q),
          searchParams: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
        }
        const refusal = originPolicy.check(req)
        // Fail closed: even a path this surface does not claim never reaches it from a refused Host/Origin.
        if (!claims(target, url.pathname))
          return refusal === undefined && adapter.handle(req, res, ctx)
        if (refusal !== undefined) {
          ctx.fields.errorCode = 'FORBIDDEN'
          writeRefusal(res, surface, 403, `Forbidden: ${refusal}.`, ctx.id)
          return true
        }
        const origin = req.headers.origin?.toLowerCase()
        if (origin !== undefined && corsOrigins.has(origin)) {
          res.setHeader('access-control-allow-origin', req.headers.origin!)
          res.setHeader('vary', 'Origin')
          res.setHeader(
            'access-control-expose-headers',
            'mcp-session-id, www-authenticate, retry-after, x-request-id',
          )
          if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
            res.writeHead(204, {
              'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
              'access-control-allow-headers':
                'authorization, content-type, mcp-session-id, mcp-protocol-version, last-event-id',
              'access-control-max-age': '600',
            })
            res.end()
            return true
          }
        }
        if (oauth && url.pathname.startsWith(WELL_KNOWN) && req.method === 'GET') {
          serveMetadata(req, res, url.pathname)
          return true
        }
        if (surface !== 'mcp') maskResponse(res, patternsOf(runtime.secrets.values))
        proceed(req, res, ctx, url).catch((error: unknown) => {
          logger.error(
            {
              requestId: ctx.id,
              err:
                error instanceof Error
                  ? { name: error.name, message: error.message }
                  : String(error),
            },
            'security wrapper failed',
          )
          if (!res.headersSent) writeRefusal(res, surface, 401, 'Authentication failed.', ctx.id)
        })
        return true
      },
    }
  }

  return {
    policy,
    allowedHosts,
    allowedOrigins,
    invoke,
    wrap,
    filterMcp(exposes) {
      const out = policy.filterMcp(exposes)
      for (const e of out) for (const t of e.tools) toolOf.set(t.plan, t.name)
      return out
    },
  }
}
