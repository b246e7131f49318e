/** Runtime metrics from the process's readings: rendered for Prometheus, collections counted by kind. */
import { describe, expect, it } from 'vitest'
import { createMetricRegistry } from './metric-registry.js'
import { registerRuntimeMetrics, type GcKind } from './runtime-metrics.js'

describe('runtime metrics', () => {
  it('renders CPU as a counter in seconds, memory as gauges and pauses per kind', () => {
    const metrics = createMetricRegistry()
    let onGc: ((kind: GcKind, seconds: number) => void) | undefined
    let stopped = false
    const stop = registerRuntimeMetrics(metrics, {
      cpuUsage: () => ({ user: 1_500_000, system: 500_000 }),
      memoryUsage: () => ({
        rss: 80_000_000,
        heapUsed: 20_000_000,
        heapTotal: 30_000_000,
        external: 9_000_000,
        arrayBuffers: 8_000_000,
      }),
      observeGc: (fn) => ((onGc = fn), () => void (stopped = true)),
    })
    onGc!('minor', 0.0008)
    onGc!('major', 0.004)
    onGc!('major', 0.03)
    const text = metrics.render()
    expect(text).toContain(
      '# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 2\n',
    )
    expect(text).toContain('process_resident_memory_bytes 80000000\n')
    expect(text).toContain('nodejs_heap_size_used_bytes 20000000\n')
    expect(text).toContain('nodejs_array_buffers_bytes 8000000\n')
    expect(text).toContain('nodejs_gc_duration_seconds_count{kind="major"} 2\n')
    expect(text).toContain('nodejs_gc_duration_seconds_bucket{kind="major",le="0.005"} 1\n')
    expect(text).toContain('nodejs_gc_duration_seconds_count{kind="minor"} 1\n')
    expect(text).not.toContain('kind="incremental"')
    stop()
    expect(stopped).toBe(true)
  })
})
