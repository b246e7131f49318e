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

  it('takes the client spans a server span brings, with any that waited for it by trace id', () => {
    const buffer = createTraceBuffer(5)
    buffer.add(span('a', 'SERVER', 0), [span('a', 'CLIENT', 0)])
    buffer.add(span('b', 'CLIENT', 10))
    buffer.add(span('b', 'SERVER', 10), [span('b', 'CLIENT', 11)])
    buffer.add(span('c', 'SERVER', 20), [])
    expect(buffer.find('a')?.spans.map((s) => s.kind)).toEqual(['SERVER', 'CLIENT'])
    expect(buffer.find('b')?.spans).toHaveLength(3)
    expect(buffer.find('c')?.spanCount).toBe(1)
    // the one that waited was taken: a later server span of the same trace does not get it again
    buffer.add(span('b', 'SERVER', 30))
    expect(buffer.list().find((t) => t.timestamp === new Date(30).toISOString())?.spanCount).toBe(1)
  })

  it('resizes in place: a smaller buffer keeps the newest, a larger one keeps all and fills up', () => {
    const buffer = createTraceBuffer(4)
    const add = (id: string) => buffer.add(span(id, 'SERVER', 0))
    for (const id of ['a', 'b', 'c', 'd', 'e']) add(id)
    buffer.resize(2)
    expect([buffer.capacity, buffer.list().map((t) => t.traceId)]).toEqual([2, ['e', 'd']])
    add('f')
    expect(buffer.list().map((t) => t.traceId)).toEqual(['f', 'e'])
    buffer.resize(3)
    add('g')
    add('h')
    expect(buffer.list().map((t) => t.traceId)).toEqual(['h', 'g', 'f'])
    buffer.resize(0)
    add('i')
    expect([buffer.size(), buffer.list()]).toEqual([0, []])
    buffer.resize(2)
    add('j')
    expect(buffer.list().map((t) => t.traceId)).toEqual(['j'])
  })
})
