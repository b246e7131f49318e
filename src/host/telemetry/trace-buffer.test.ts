import { describe, expect, it } from 'vitest'
import type { Span } from './span.js'
import { createTraceBuffer } from './trace-buffer.js'

const span = (
  traceId: string,
  kind: Span['kind'],
  startMs: number,
  status: Span['status'] = 'OK',
): Span => ({
  traceId,
  spanId: `${traceId}-${kind}`,
  parentSpanId: undefined,
  name: kind === 'SERVER' ? `GET /${traceId}` : `up.${traceId}`,
  kind,
  startMs,
  endMs: startMs + 1.234567,
  status,
  attributes: {},
})

describe('createTraceBuffer', () => {
  it('keeps the newest traces up to its capacity, newest first, with their client spans', () => {
    const buffer = createTraceBuffer(3)
    for (let i = 0; i < 5; i++) {
      buffer.add(span(`t${i}`, 'CLIENT', 1_000 * i))
      buffer.add(span(`t${i}`, 'SERVER', 1_000 * i, i === 4 ? 'ERROR' : 'OK'))
    }
    expect(buffer.size()).toBe(3)
    const list = buffer.list()
    expect(list.map((t) => t.traceId)).toEqual(['t4', 't3', 't2'])
    expect(list[0]).toMatchObject({
      operation: 'GET /t4',
      status: 'ERROR',
      spanCount: 2,
      durationMs: 1.23,
      timestamp: new Date(4_000).toISOString(),
    })
    expect(buffer.find('t1')).toBeUndefined()
    expect(buffer.find('t3')?.spans.map((s) => s.kind)).toEqual(['SERVER', 'CLIENT'])
    expect(buffer.list({ status: 'error' }).map((t) => t.traceId)).toEqual(['t4'])
    expect(buffer.list({ operation: '/t2' }).map((t) => t.traceId)).toEqual(['t2'])
  })
})
