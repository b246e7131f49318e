import { describe, expect, it } from 'vitest'
import { createMetricRegistry } from './metric-registry.js'

describe('metric registry', () => {
  it('renders counters, cumulative histograms and gauges as Prometheus text', () => {
    const r = createMetricRegistry()
    const hits = r.counter('hits_total', 'Hits.')
    const took = r.histogram('took_seconds', 'Took.', [0.1, 1])
    r.gauge('up', 'Up.', () => [{ labels: {}, value: 1 }])
    hits({ route: 'GET /a' })
    hits({ route: 'GET /a' }, 2)
    took({ route: 'GET /a' }, 0.05)
    took({ route: 'GET /a' }, 0.5)
    expect(r.render()).toBe(
      [
        '# HELP hits_total Hits.',
        '# TYPE hits_total counter',
        'hits_total{route="GET /a"} 3',
        '# HELP took_seconds Took.',
        '# TYPE took_seconds histogram',
        'took_seconds_bucket{route="GET /a",le="0.1"} 1',
        'took_seconds_bucket{route="GET /a",le="1"} 2',
        'took_seconds_bucket{route="GET /a",le="+Inf"} 2',
        'took_seconds_sum{route="GET /a"} 0.55',
        'took_seconds_count{route="GET /a"} 2',
        '# HELP up Up.',
        '# TYPE up gauge',
        'up 1',
        '',
      ].join('\n'),
    )
  })

  it('escapes backslashes, quotes and newlines in label values', () => {
    const r = createMetricRegistry()
    r.counter('c', 'C.')({ v: 'a"b\\c\nd' })
    expect(r.render()).toContain('c{v="a\\"b\\\\c\\nd"} 1')
  })

  it('keeps one series per label set whatever the key order', () => {
    const r = createMetricRegistry()
    const c = r.counter('c', 'C.')
    c({ a: '1', b: '2' })
    c({ b: '2', a: '1' })
    expect(r.render().match(/^c\{/gm)).toHaveLength(1)
  })
})
