/**
 * A small OTLP/HTTP JSON span exporter (POST <endpoint>/v1/traces): batches spans, sends them in
 * the background, drops them when the collector is down. Replaces the heavy OpenTelemetry SDK.
 */
import type { Span } from './span.js'

export interface OtlpExporterOptions {
  /** Full traces URL, e.g. http://collector:4318/v1/traces. */
  readonly url: string
  /** Extra request headers (OTEL_EXPORTER_OTLP_HEADERS); may carry a collector key, never logged. */
  readonly headers: Readonly<Record<string, string>>
  readonly resource: Readonly<Record<string, string>>
  readonly fetch: typeof fetch
  readonly batchSize?: number
  readonly intervalMs?: number
  readonly maxQueue?: number
  readonly scopeVersion?: string
  readonly onError?: (message: string) => void
}

export interface OtlpExporter {
  export(span: Span): void
  flush(): Promise<void>
  close(): Promise<void>
}

const KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const

export function createOtlpExporter(options: OtlpExporterOptions): OtlpExporter {
  const batchSize = options.batchSize ?? 256
  const maxQueue = options.maxQueue ?? 4096
  let queue: Span[] = []
  let sending: Promise<void> = Promise.resolve()
  let lastError = ''
  const timer = setInterval(() => void flush(), options.intervalMs ?? 1000)
  timer.unref()
  const send = async (spans: Span[]): Promise<void> => {
    try {
      const res = await options.fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(toOtlp(spans, options.resource, options.scopeVersion ?? '0.1.0')),
        signal: AbortSignal.timeout(10_000),
      })
      await res.arrayBuffer()
      if (!res.ok) report(`OTLP collector answered ${res.status}`)
    } catch (error) {
      report(`OTLP export failed: ${(error as Error).message}`)
    }
  }
  // One message per distinct problem, so a collector outage does not flood the logs.
  const report = (message: string) => {
    if (message !== lastError) options.onError?.(message)
    lastError = message
  }
  const flush = (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize)
      queue = queue.slice(batchSize)
      sending = sending.then(() => send(batch))
    }
    return sending
  }
  return {
    export(span) {
      if (queue.length >= maxQueue) return
      queue.push(span)
      if (queue.length >= batchSize) void flush()
    },
    flush,
    async close() {
      clearInterval(timer)
      await flush()
    },
  }
}

export function toOtlp(
  spans: readonly Span[],
  resource: Readonly<Record<string, string>>,
  version: string,
): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes(resource) },
        scopeSpans: [
          {
            scope: { name: 'capstan', version },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: KIND[s.kind],
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.endMs),
              attributes: attributes(s.attributes),
              status: { code: s.status === 'ERROR' ? 2 : 1 },
            })),
          },
        ],
      },
    ],
  }
}

function attributes(record: Readonly<Record<string, string | number>>): unknown[] {
  return Object.entries(record).map(([key, v]) => ({
    key,
    value:
      typeof v === 'number'
        ? Number.isInteger(v)
          ? { intValue: String(v) }
          : { doubleValue: v }
        : { stringValue: v },
  }))
}

function nanos(ms: number): string {
  return (BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.round((ms % 1) * 1e6))).toString()
}

/** Parses OTEL_EXPORTER_OTLP_HEADERS ("k=v,k2=v2", values URL-encoded). */
export function parseOtlpHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const part of (value ?? '').split(',')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    headers[part.slice(0, eq).trim().toLowerCase()] = decodeURIComponent(part.slice(eq + 1).trim())
  }
  return headers
}
