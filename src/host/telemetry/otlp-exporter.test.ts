import { describe, expect, it } from 'vitest'
import { createOtlpExporter, parseOtlpHeaders, toOtlp } from './otlp-exporter.js'
import type { Span } from './span.js'

const span: Span = {
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  parentSpanId: undefined,
  name: 'GET /x',
  kind: 'SERVER',
  startMs: 1_700_000_000_000.5,
  endMs: 1_700_000_000_010,
  status: 'OK',
  attributes: { 'http.response.status_code': 200, 'naftiko.operation.id': 'GET /x' },
}

describe('OTLP/HTTP JSON exporter', () => {
  it('encodes spans as resourceSpans with nanosecond strings and typed attributes', () => {
    const body = toOtlp([span], { 'service.name': 'capstan' }, '0.1.0') as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[]
    }
    const s = body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!
    expect(s).toMatchObject({
      kind: 2,
      startTimeUnixNano: '1700000000000500000',
      endTimeUnixNano: '1700000000010000000',
      status: { code: 1 },
    })
    expect(s.parentSpanId).toBeUndefined()
    expect(s.attributes).toContainEqual({
      key: 'http.response.status_code',
      value: { intValue: '200' },
    })
  })

  it('parses OTEL_EXPORTER_OTLP_HEADERS', () => {
    expect(parseOtlpHeaders('X-Key=a%20b, other=c,broken')).toEqual({ 'x-key': 'a b', other: 'c' })
  })

  it('reports a failing collector once per distinct problem and drops the batch', async () => {
    const errors: string[] = []
    let posts = 0
    const exporter = createOtlpExporter({
      url: 'http://127.0.0.1:1/v1/traces',
      headers: { authorization: 'Bearer collector-secret' },
      resource: {},
      fetch: (async () => {
        posts++
        return new Response('no', { status: 503 })
      }) as typeof fetch,
      onError: (m) => errors.push(m),
    })
    exporter.export(span)
    await exporter.flush()
    exporter.export(span)
    await exporter.close()
    expect(posts).toBe(2)
    expect(errors).toEqual(['OTLP collector answered 503'])
    expect(errors.join()).not.toContain('collector-secret')
  })
})
