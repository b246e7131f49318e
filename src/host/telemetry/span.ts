/** A finished span: what the trace buffer keeps and the OTLP exporter sends. */
export interface Span {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string | undefined
  readonly name: string
  readonly kind: 'SERVER' | 'CLIENT' | 'INTERNAL'
  /** Wall-clock start and end, in milliseconds since the epoch. */
  readonly startMs: number
  readonly endMs: number
  readonly status: 'OK' | 'ERROR'
  /** Never a secret: no headers, no query strings, no bodies. */
  readonly attributes: Readonly<Record<string, string | number>>
}
