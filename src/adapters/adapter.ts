/**
 * Adapter contract: the host owns sockets and hands each HTTP request to the adapters of that port.
 * Adapters turn engine errors into their wire format; they never bind ports themselves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import type { RuntimeDeps, TraceIds } from '../runtime/types.js'

/** Per-request facts the host logs when the response ends; adapters fill route/tool/upstream. */
export interface RequestContext {
  readonly id: string
  readonly startedAt: number
  /** Incoming W3C traceparent, validated, or a fresh one made by the host. */
  readonly traceparent: string
  /** The ids of `traceparent`, as the host made it. */
  readonly trace?: TraceIds
  /** Span id of the caller's traceparent, when one came in (parent of this request's server span). */
  readonly parentSpanId?: string
  readonly fields: Record<string, string | number | boolean | undefined>
  /** Where telemetry files the spans of this request's upstream calls (read when it ends). */
  readonly spans?: unknown[]
  /** Identity established by inbound authentication, when any. */
  principal?: string
}

export interface HttpAdapter {
  readonly type: string
  /** Returns false when the path is not this adapter's; true once it took the request. */
  handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): boolean
  /** Where this adapter listens, for the start-up banner (e.g. "/mcp", "/v1/..."). */
  describe(): readonly string[]
  close(): Promise<void>
  /** Live figures read at scrape time (metrics); adapters without state leave it out. */
  stats?(): AdapterStats
}

/** What an adapter holds right now; never identifiers of clients or sessions. */
export interface AdapterStats {
  /** Open sessions per endpoint path (MCP 2025-11-25 sessions). */
  readonly sessions?: readonly { readonly endpoint: string; readonly count: number }[]
}

export interface AdapterOptions {
  /** Maximum request body bytes (default 1 MiB). */
  readonly maxBodyBytes: number
  /** Allowed Origin values; loopback origins are always allowed. */
  readonly allowedOrigins: readonly string[]
  /** Allowed Host header names; loopback names are always allowed. */
  readonly allowedHosts: readonly string[]
  /** Whether the server itself is closing client connections (shutdown after its grace period). */
  readonly cuttingConnections?: () => boolean
}

export interface AdapterDeps {
  readonly runtime: RuntimeDeps
  readonly logger: Logger
  readonly clock: () => number
}
