/**
 * Runtime contract: adapters call invoke(plan, values, deps, options) and get a shaped result
 * or an EngineError. Side effects (HTTP, clock, secrets, telemetry) arrive through RuntimeDeps.
 */
import type { Readable } from 'node:stream'
import type { ScriptRunner } from './scripting/create-script-runner.js'

/** Resolved bind values: variable → value. Never logged; used only to render templates. */
export interface SecretValues {
  readonly values: ReadonlyMap<string, string>
  /** Template context holding flat VAR keys and namespace objects ({env: {VAR}}). */
  readonly context: Readonly<Record<string, unknown>>
}

export interface UpstreamRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Record<string, string>
  readonly body: string | Uint8Array | undefined
  readonly idempotent: boolean
  readonly operationId: string
  readonly namespace: string
  /** Raises the transport's response cap for this request (a streamed passthrough buffers nothing). */
  readonly maxResponseBytes?: number
}

export interface UpstreamResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** The body, taken once: read whole, streamed or discarded; the transport enforces its size cap. */
  readonly body: UpstreamBody
}

export interface ReadBodyOptions {
  /** Names the consumed operation in the UPSTREAM_TOO_LARGE message. */
  readonly operationId?: string
  /** Keep the first maxBytes and stop reading instead of failing (error excerpts). */
  readonly truncate?: boolean
}

/** A response body. Read whole it needs no stream at all (most calls); only passthrough streams. */
export interface UpstreamBody {
  /** The whole body: UPSTREAM_TOO_LARGE past maxBytes, or the first maxBytes with `truncate`. */
  bytes(maxBytes: number, options?: ReadBodyOptions): Promise<Uint8Array>
  /**
   * The whole body as the chunks it arrived in, not joined (same limits as `bytes`): for writing
   * it on unchanged, without a copy of it.
   */
  parts(maxBytes: number, options?: ReadBodyOptions): Promise<readonly Uint8Array[]>
  /** The body as a stream, for passthrough. */
  stream(): Readable
  /** Drops the body; the connection is reused when the rest is short, else closed. */
  discard(): void
}

export interface TransportOptions {
  readonly connectTimeoutMs: number
  readonly headersTimeoutMs: number
  readonly bodyTimeoutMs: number
  readonly maxResponseBytes: number
  readonly maxRedirects: number
}

export interface Transport {
  send(request: UpstreamRequest, signal: AbortSignal | undefined): Promise<UpstreamResponse>
  close(): Promise<void>
}

/** The ids in a W3C traceparent, taken apart once by the host: telemetry does not parse them again. */
export interface TraceIds {
  readonly traceId: string
  readonly spanId: string
  readonly sampled: boolean
}

/** Observes upstream calls: metrics, spans and logs subscribe here; never sees secret values. */
export interface CallObserver {
  onUpstreamStart?(info: {
    operationId: string
    method: string
    namespace: string
    url: string
    traceparent?: string
    /** The ids of `traceparent`, when the caller has them. */
    trace?: TraceIds
    /** The request's span list, when the host keeps one: client spans go there, not to a lookup. */
    spans?: unknown[]
  }): unknown
  onUpstreamEnd?(
    token: unknown,
    info: { status: number | undefined; errorCode: string | undefined; durationMs: number },
  ): void
}

export interface RuntimeDeps {
  readonly transport: Transport
  readonly secrets: SecretValues
  readonly clock: () => number
  readonly observer?: CallObserver
  /** Token cache and digest nonces for auth schemes that keep state between calls. */
  readonly authState: Map<string, unknown>
  /** Response decoders prepared once per consumed operation. */
  readonly decoders: WeakMap<object, (bytes: Uint8Array) => unknown>
  /** Side effects decoders need: YAML parser, schema file reader. */
  readonly decoderOptions: {
    readonly parseYaml?: (text: string) => unknown
    readonly readSchema?: (path: string) => string
  }
  /** Runs script steps; absent, a script step fails as INTERNAL. */
  readonly scripts?: ScriptRunner
}

export interface InvokeOptions {
  readonly signal?: AbortSignal
  /** W3C traceparent to propagate upstream. */
  readonly traceparent?: string
  /** The ids of `traceparent`, when the host has them (handed to the observer). */
  readonly trace?: TraceIds
  /** The request's span list (the host's), handed to the observer with each upstream call. */
  readonly spans?: unknown[]
  /** Whether a passthrough result may be returned as a stream. */
  readonly allowStream?: boolean
}

export type InvokeResult =
  | {
      readonly kind: 'value'
      readonly status: number
      readonly value: unknown
      readonly headers: Readonly<Record<string, string>>
    }
  | {
      readonly kind: 'stream'
      readonly status: number
      readonly contentType: string | undefined
      /** The upstream's declared length, when it gave one. */
      readonly contentLength?: number
      /** Taken once: whole when small, as a stream otherwise. */
      readonly body: UpstreamBody
      readonly headers: Readonly<Record<string, string>>
    }
  | {
      readonly kind: 'empty'
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
    }
