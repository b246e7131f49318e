/**
 * REST adapter: routes from exposes[type=rest], inputs validated at the edge, one invoke per
 * request, results as JSON or streamed passthrough, errors through writeError only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'
import { EngineError } from '../../errors.js'
import type { RestExpose } from '../../model/types.js'
import { forwardRequest } from '../../runtime/forward.js'
import { invoke as realInvoke } from '../../runtime/invoke.js'
import type { InvokeResult } from '../../runtime/types.js'
import type { AdapterDeps, AdapterOptions, HttpAdapter, RequestContext } from '../adapter.js'
import { extractInputs, parseJsonBody, readRequestBody } from './extract-inputs.js'
import { createRouteTable } from './route-table.js'
import { toOpenApi } from './to-openapi.js'
import { writeError } from './to-problem.js'
import { createDisconnectSignals } from '../disconnect-signal.js'

export interface RestAdapterOptions extends AdapterOptions {
  readonly invoke?: typeof realInvoke
  /** Base URL the OpenAPI document names as its server. */
  readonly serverUrl?: string
  /** Refuses operations by policy (read-only mode, deny lists): returns the reason, or undefined. */
  readonly policy?: (operation: { name: string; method: string }) => string | undefined
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
])
const NEVER_FORWARD = /^(authorization|cookie|mcp-.*|x-forwarded-.*|forwarded)$/i

export function createRestAdapter(
  exposes: readonly RestExpose[],
  deps: AdapterDeps,
  options: RestAdapterOptions,
): HttpAdapter {
  const table = createRouteTable(exposes)
  const invoke = options.invoke ?? realInvoke
  const disconnectSignal = createDisconnectSignals(options.cuttingConnections)
  let openapi: string | undefined
  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    url: RequestTarget,
  ): Promise<void> => {
    try {
      if (url.pathname === '/openapi.json' && req.method === 'GET') {
        openapi ??= JSON.stringify(toOpenApi(exposes, options.serverUrl))
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(openapi)
        return
      }
      const match = table.match(url.pathname)
      const method = req.method ?? 'GET'
      if (!match) {
        const fwd = table.matchForward(url.pathname)
        if (fwd)
          return await forward(
            req,
            res,
            ctx,
            url,
            fwd.forward.upstream,
            fwd.forward.trustedHeaders,
            fwd.rest,
          )
        throw new EngineError('NOT_FOUND', `No route for ${url.pathname}.`)
      }
      const route =
        match.routes.find((r) => r.operation.method === method) ??
        (method === 'HEAD' ? match.routes.find((r) => r.operation.method === 'GET') : undefined)
      if (!route) {
        const allow = [...new Set(match.routes.map((r) => r.operation.method))].join(', ')
        writeError(
          res,
          new EngineError(
            'METHOD_NOT_ALLOWED',
            `${method} is not allowed on ${url.pathname}; allowed: ${allow}.`,
          ),
          ctx.id,
          { allow },
        )
        return
      }
      const op = route.operation
      ctx.fields.route = route.label
      const denied = options.policy?.({ name: op.name, method: op.method })
      if (denied) throw new EngineError('POLICY_DENIED', denied)
      const needsBody = route.needsBody
      const raw =
        needsBody || method === 'POST' || method === 'PUT' || method === 'PATCH'
          ? await readRequestBody(req, options.maxBodyBytes)
          : undefined
      const body = raw && needsBody ? parseJsonBody(raw, req.headers['content-type']) : undefined
      const values = extractInputs(op.plan.inputs, req, match.params, url.searchParams, body)
      const result = await invoke(op.plan, values, deps.runtime, {
        signal: disconnectSignal(req),
        traceparent: ctx.traceparent,
        trace: ctx.trace,
        spans: ctx.spans,
        allowStream: true,
      })
      ctx.fields.upstreamStatus = result.status
      await writeResult(res, result, method === 'HEAD')
    } catch (error) {
      if (error instanceof EngineError && error.code === 'UPSTREAM_HTTP_ERROR')
        ctx.fields.upstreamStatus = (error as unknown as { status: number }).status
      if (error instanceof EngineError) ctx.fields.errorCode = error.code
      else
        deps.logger.error(
          {
            requestId: ctx.id,
            err:
              error instanceof Error ? { name: error.name, message: error.message } : String(error),
          },
          'unexpected error in REST adapter',
        )
      writeError(res, error, ctx.id)
    }
  }

  const forward = async (
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    url: RequestTarget,
    upstream: RestExpose['forwards'][number]['upstream'],
    trusted: readonly string[],
    rest: string,
  ): Promise<void> => {
    ctx.fields.route = `FORWARD ${upstream.namespace}`
    const headers: Record<string, string> = {}
    for (const name of trusted) {
      const v = req.headers[name.toLowerCase()]
      if (typeof v === 'string' && !HOP_BY_HOP.has(name.toLowerCase()) && !NEVER_FORWARD.test(name))
        headers[name.toLowerCase()] = v
    }
    if (req.headers['content-type']) headers['content-type'] = req.headers['content-type']
    const body =
      req.method === 'GET' || req.method === 'HEAD'
        ? undefined
        : await readRequestBody(req, options.maxBodyBytes)
    const response = await forwardRequest(
      upstream,
      {
        method: req.method ?? 'GET',
        path: rest,
        search: url.search,
        headers,
        body,
        traceparent: ctx.traceparent,
      },
      deps.runtime,
      disconnectSignal(req),
    )
    ctx.fields.upstreamStatus = response.status
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(response.headers))
      if (!HOP_BY_HOP.has(k) && k !== 'set-cookie') out[k] = v
    res.writeHead(response.status, out)
    await pipeBody(response.body.stream(), res)
  }

  return {
    type: 'rest',
    handle(req, res, ctx) {
      void handle(req, res, ctx, rawUrl(req.url ?? '/'))
      return true
    },
    describe() {
      return [...table.all.map((r) => r.label), 'GET /openapi.json']
    },
    async close() {},
  }
}

/** Splits the request target without WHATWG normalisation, so dot segments reach the path checks. */
function rawUrl(target: string): RequestTarget {
  const q = target.indexOf('?')
  const pathname = q < 0 ? target : target.slice(0, q)
  return {
    pathname: pathname.startsWith('/') ? pathname : `/${pathname}`,
    search: q < 0 ? '' : target.slice(q),
    searchParams: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
  }
}

interface RequestTarget {
  readonly pathname: string
  readonly search: string
  readonly searchParams: URLSearchParams
}

/** Passthrough bodies up to this size are buffered and written at once; larger ones stream. */
const SMALL_BODY_BYTES = 1024 * 1024

/** Like stream/promises pipeline, without the AbortController (and DOMException) it makes per call. */
function pipeBody(body: Readable, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    // the client may have gone while the upstream answered: 'close' will not come again
    if (res.destroyed) {
      body.destroy()
      resolve()
      return
    }
    body.once('error', (error) => {
      res.destroy()
      reject(error)
    })
    res.once('close', () => {
      if (!body.readableEnded) body.destroy()
      resolve()
    })
    body.pipe(res)
  })
}

async function writeResult(
  res: ServerResponse,
  result: InvokeResult,
  head: boolean,
): Promise<void> {
  const headers: Record<string, string> = { ...result.headers }
  if (result.kind === 'empty') {
    res.writeHead(result.status, headers)
    res.end()
    return
  }
  if (result.kind === 'stream') {
    headers['content-type'] = result.contentType ?? 'application/octet-stream'
    const length = result.contentLength
    if (length !== undefined) headers['content-length'] = String(length)
    if (head) {
      res.writeHead(result.status, headers)
      result.body.discard()
      res.end()
      return
    }
    if (length !== undefined && length <= SMALL_BODY_BYTES) {
      // a small body goes out in one writev with its headers, its chunks never joined (a copy and,
      // past a few KB, an allocation V8 counts towards its next full collection); a failed read
      // can still become a 502
      const parts = await result.body.parts(SMALL_BODY_BYTES)
      res.writeHead(result.status, headers)
      if (parts.length === 1) {
        res.end(parts[0])
        return
      }
      res.cork()
      for (const part of parts) res.write(part)
      res.end()
      res.uncork()
      return
    }
    res.writeHead(result.status, headers)
    await pipeBody(result.body.stream(), res)
    return
  }
  const text = JSON.stringify(result.value ?? null)
  headers['content-type'] = 'application/json'
  headers['content-length'] = String(Buffer.byteLength(text))
  res.writeHead(result.status, headers)
  res.end(head ? undefined : text)
}
