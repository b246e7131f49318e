/**
 * Request and upstream telemetry: RED metrics, spans (recent ones kept for `GET /traces`, all of
 * them exported over OTLP when configured). Plugs into the host (`onRequestEnd`) and the runtime
 * (`CallObserver`).
 */
import { createRandomHex } from '../create-random-hex.js'
import type { RequestContext } from '../../adapters/adapter.js'
import type { CallObserver } from '../../runtime/types.js'
import { createMetricRegistry, type Labels, type MetricRegistry } from './metric-registry.js'
import { createOtlpExporter, parseOtlpHeaders, type OtlpExporter } from './otlp-exporter.js'
import type { Span } from './span.js'
import { createTraceBuffer, type TraceBuffer } from './trace-buffer.js'
import type { ObservabilitySettings } from '../../model/types.js'

export interface TelemetryOptions {
  readonly env: Readonly<Record<string, string | undefined>>
  /** Wall clock in epoch milliseconds. */
  readonly now: () => number
  readonly fetch: typeof fetch
  readonly traceBufferSize?: number
  /** The capability file's `observability` block (defaults OTEL_* variables override). */
  readonly observability?: ObservabilitySettings
  readonly version?: string
  readonly onExportError?: (message: string) => void
}

export interface Telemetry {
  readonly observer: CallObserver
  readonly metrics: MetricRegistry
  readonly traces: TraceBuffer
  readonly exporting: boolean
  /** Whether /metrics and /traces are served (`observability` may turn them off); read live. */
  readonly local: { readonly metrics: boolean; readonly traces: boolean }
  /** Applies an edited `observability` block (a --watch reload): views, sampling, exporter, buffer. */
  configure(settings: ObservabilitySettings | undefined): void
  /** The sampled flag of a trace this engine starts (`traces.sampling` of the file). */
  sampleRoot(traceId: string): boolean
  onRequestEnd(ctx: RequestContext, status: number, durationMs: number): void
  close(): Promise<void>
}

interface UpstreamToken {
  readonly labels: Labels
  readonly outcomes: Map<string, Labels>
  readonly startMs: number
  readonly traceId: string | undefined
  readonly sampled: boolean
  readonly parentSpanId: string | undefined
  readonly name: string
  readonly method: string
  readonly url: string
  readonly server: string
  readonly namespace: string
  readonly operationId: string
  readonly spans: Span[] | undefined
}

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const metrics = createMetricRegistry()
  const bufferSizeOf = (settings: ObservabilitySettings | undefined) =>
    settings?.traceBufferSize ?? options.traceBufferSize ?? 100
  const traces = createTraceBuffer(bufferSizeOf(options.observability))
  // what the file's block decides; configure() replaces it on a --watch reload
  const local = { metrics: true, traces: true }
  let ratio = 1
  let exporter: OtlpExporter | undefined
  let exporterKey: string | undefined
  const configure = (settings: ObservabilitySettings | undefined): void => {
    const on = settings?.enabled !== false
    local.metrics = on && settings?.metricsLocal !== false
    local.traces = on && settings?.tracesLocal !== false
    ratio = settings?.sampling ?? 1
    traces.resize(bufferSizeOf(settings))
    const target = on ? otlpTarget(options, settings) : undefined
    const key = target === undefined ? undefined : JSON.stringify(target)
    if (key === exporterKey) return
    // the old exporter sends what it holds, then stops
    void exporter?.close()
    exporter = target === undefined ? undefined : createExporter(options, target)
    exporterKey = key
  }
  configure(options.observability)
  const randomHex = createRandomHex()
  // one label object per series (bounded by operations × origins × statuses), so metrics
  // find their cell by identity instead of rebuilding keys on every call
  const upstreamMemo = new Map<string, UpstreamSeries>()
  const upstreamSeries = (info: UpstreamStart): UpstreamSeries => {
    const origin = originOf(info.url)
    const key = `${info.operationId}\u0000${info.method}\u0000${origin}`
    let series = upstreamMemo.get(key)
    if (series === undefined) {
      let server = origin
      try {
        server = new URL(origin).host
      } catch {
        // Keep the raw origin when the URL does not parse; it has no query string either way.
      }
      series = {
        labels: {
          naftiko_namespace: info.namespace,
          naftiko_operation_id: info.operationId,
          http_request_method: info.method,
          server_address: server,
        },
        outcomes: new Map(),
      }
      upstreamMemo.set(key, series)
    }
    return series
  }
  const requestMemo = new Map<string, RequestSeries>()
  const requestSeries = (surface: string, operation: string): RequestSeries => {
    const key = `${surface}\u0000${operation}`
    let series = requestMemo.get(key)
    if (series === undefined) {
      series = {
        labels: { naftiko_adapter_type: surface, naftiko_operation_id: operation },
        statuses: new Map(),
      }
      requestMemo.set(key, series)
    }
    return series
  }
  const requests = metrics.counter(
    'naftiko_request_total',
    'Requests served, per surface, route or tool, and status.',
  )
  const errors = metrics.counter(
    'naftiko_request_errors',
    'Requests that failed (5xx, or a tool call that returned an error).',
  )
  const duration = metrics.histogram(
    'naftiko_request_duration_seconds',
    'Request duration in seconds, per surface and route or tool.',
  )
  const upstreamTotal = metrics.counter(
    'naftiko_http_client_total',
    'Upstream calls, per consumed operation and response status (or error type).',
  )
  const upstreamDuration = metrics.histogram(
    'naftiko_http_client_duration_seconds',
    'Upstream call duration in seconds, per consumed operation.',
  )
  // an unsampled trace (flags 00, from the caller or from traces.sampling) is neither kept nor sent
  const record = (span: Span, sampled: boolean, children?: Span[]) => {
    if (!sampled) return
    if (local.traces) traces.add(span, children)
    exporter?.export(span)
  }
  const observer: CallObserver = {
    onUpstreamStart(info) {
      const parent = info.trace ?? parseTraceparent(info.traceparent)
      const series = upstreamSeries(info)
      const server = series.labels.server_address!
      return {
        labels: series.labels,
        outcomes: series.outcomes,
        startMs: options.now(),
        traceId: parent?.traceId,
        sampled: parent?.sampled ?? false,
        parentSpanId: parent?.spanId,
        name: `${info.method} ${info.operationId}`,
        method: info.method,
        url: info.url,
        server,
        namespace: info.namespace,
        operationId: info.operationId,
        spans: info.spans as Span[] | undefined,
      } satisfies UpstreamToken
    },
    onUpstreamEnd(token, info) {
      const t = token as UpstreamToken | undefined
      if (!t) return
      const outcome =
        info.status !== undefined ? String(info.status) : `error:${info.errorCode ?? 'transport'}`
      let labels = t.outcomes.get(outcome)
      if (labels === undefined) {
        labels =
          info.status !== undefined
            ? { ...t.labels, http_response_status_code: String(info.status) }
            : { ...t.labels, error_type: info.errorCode ?? 'transport' }
        t.outcomes.set(outcome, labels)
      }
      upstreamTotal(labels)
      upstreamDuration(t.labels, info.durationMs / 1000)
      if (!t.traceId) return
      const endMs = options.now()
      const attributes: Record<string, string | number> = {
        'http.request.method': t.method,
        'url.full': t.url,
        'server.address': t.server,
        'naftiko.namespace': t.namespace,
        'naftiko.operation.id': t.operationId,
      }
      if (info.status !== undefined) attributes['http.response.status_code'] = info.status
      else attributes['error.type'] = info.errorCode ?? 'transport'
      const span: Span = {
        traceId: t.traceId,
        spanId: randomHex(8),
        parentSpanId: t.parentSpanId,
        name: t.name,
        kind: 'CLIENT',
        startMs: t.startMs,
        endMs,
        status: info.status === undefined || info.status >= 500 ? 'ERROR' : 'OK',
        attributes,
      }
      // filed with its request: a lookup by trace id churned a long-lived Map (old-generation garbage)
      if (t.spans === undefined) record(span, t.sampled)
      else if (t.sampled) {
        if (t.spans.length < MAX_CHILD_SPANS) t.spans.push(span)
        exporter?.export(span)
      }
    },
  }
  return {
    observer,
    metrics,
    traces,
    get exporting() {
      return exporter !== undefined
    },
    local,
    configure,
    sampleRoot: (traceId) =>
      ratio >= 1
        ? true
        : ratio <= 0
          ? false
          : Number.parseInt(traceId.slice(18), 16) / 2 ** 56 < ratio,
    onRequestEnd(ctx, status, durationMs) {
      // The control port's own requests are not part of the served traffic.
      if (ctx.fields.control) return
      const tool = typeof ctx.fields.tool === 'string' ? ctx.fields.tool : undefined
      const route = typeof ctx.fields.route === 'string' ? ctx.fields.route : undefined
      const surface =
        typeof ctx.fields.surface === 'string'
          ? ctx.fields.surface
          : tool !== undefined || (route !== undefined && route.startsWith('/mcp'))
            ? 'mcp'
            : 'rest'
      const operation = tool ?? route ?? 'unmatched'
      const series = requestSeries(surface, operation)
      const labels = series.labels
      const upstreamStatus =
        typeof ctx.fields.upstreamStatus === 'number' ? ctx.fields.upstreamStatus : undefined
      const failed =
        status >= 500 ||
        (tool !== undefined &&
          (ctx.fields.errorCode !== undefined ||
            (upstreamStatus !== undefined && upstreamStatus >= 400)))
      let byStatus = series.statuses.get(status)
      if (byStatus === undefined)
        series.statuses.set(status, (byStatus = { ...labels, status: String(status) }))
      requests(byStatus)
      if (failed)
        errors({
          ...labels,
          error_type:
            typeof ctx.fields.errorCode === 'string'
              ? ctx.fields.errorCode
              : status >= 500
                ? String(status)
                : 'tool_error',
        })
      duration(labels, durationMs / 1000)
      const tp = ctx.trace ?? parseTraceparent(ctx.traceparent)
      if (!tp) return
      const endMs = options.now()
      const server: Span = {
        traceId: tp.traceId,
        spanId: tp.spanId,
        parentSpanId: ctx.parentSpanId,
        kind: 'SERVER',
        name: tool !== undefined ? `tools/call ${tool}` : (route ?? 'unmatched'),
        startMs: endMs - durationMs,
        endMs,
        status: failed ? 'ERROR' : 'OK',
        attributes: {
          'naftiko.adapter.type': surface,
          'naftiko.operation.id': operation,
          'http.response.status_code': status,
          'capstan.request.id': ctx.id,
        },
      }
      record(server, tp.sampled, ctx.spans as Span[] | undefined)
    },
    async close() {
      await exporter?.close()
    },
  }
}

/** Client spans kept per request (a plan with more calls keeps the first ones). */
const MAX_CHILD_SPANS = 100

type UpstreamStart = Parameters<NonNullable<CallObserver['onUpstreamStart']>>[0]

interface UpstreamSeries {
  readonly labels: Labels
  readonly outcomes: Map<string, Labels>
}

interface RequestSeries {
  readonly labels: Labels
  readonly statuses: Map<number, Labels>
}

/** `scheme://host[:port]` of a URL string, without parsing it. */
function originOf(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2)
  return slash < 0 ? url : url.slice(0, slash)
}

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/

/** Trace id, span id and sampled flag of a W3C traceparent (fixed offsets once the shape is checked). */
function parseTraceparent(
  value: string | undefined,
): { traceId: string; spanId: string; sampled: boolean } | undefined {
  if (value === undefined || !TRACEPARENT.test(value)) return undefined
  return {
    traceId: value.slice(3, 35),
    spanId: value.slice(36, 52),
    sampled: (Number.parseInt(value.slice(53, 55), 16) & 1) === 1,
  }
}

/** Where and how to send traces: the OTEL_* variables, else the file's `exporters.otlp.endpoint`. */
function otlpTarget(
  options: TelemetryOptions,
  settings: ObservabilitySettings | undefined,
): { url: string; headers: Record<string, string> } | undefined {
  const { env } = options
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT || settings?.otlpEndpoint
  const url =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined)
  if (!url || env.OTEL_TRACES_EXPORTER === 'none' || env.OTEL_SDK_DISABLED === 'true')
    return undefined
  return {
    url,
    headers: {
      ...parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
      ...parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    },
  }
}

function createExporter(
  options: TelemetryOptions,
  target: { url: string; headers: Record<string, string> },
): OtlpExporter {
  const { env } = options
  return createOtlpExporter({
    ...target,
    resource: {
      'service.name': env.OTEL_SERVICE_NAME || 'capstan',
      'service.version': options.version ?? '0.1.0',
      'telemetry.sdk.name': 'capstan',
      'telemetry.sdk.language': 'nodejs',
    },
    fetch: options.fetch,
    ...(options.onExportError ? { onError: options.onExportError } : {}),
  })
}
