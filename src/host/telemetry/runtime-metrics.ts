/**
 * The process's own health on /metrics: CPU time, resident and heap memory, and garbage
 * collections by kind. A run of full collections (BENCHMARKS.md, "Full collections one after
 * another") shows here as `nodejs_gc_duration_seconds_count{kind="major"}` climbing under load.
 */
import type { MetricRegistry } from './metric-registry.js'

/** Readings of the running process, supplied by the caller (process, perf_hooks). */
export interface RuntimeSources {
  readonly cpuUsage: () => { readonly user: number; readonly system: number }
  readonly memoryUsage: () => {
    readonly rss: number
    readonly heapUsed: number
    readonly heapTotal: number
    readonly external: number
    readonly arrayBuffers: number
  }
  /** Calls `onGc` for each collection (kind, seconds) until the returned function is called. */
  readonly observeGc: (onGc: (kind: GcKind, seconds: number) => void) => () => void
}

export type GcKind = 'minor' | 'major' | 'incremental' | 'weakcb'

/** Pauses of a young collection are ~1 ms, of a full one a few ms; a long one stands out. */
const GC_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25] as const

/** Registers the runtime metrics; returns the function that stops observing collections. */
export function registerRuntimeMetrics(
  metrics: MetricRegistry,
  sources: RuntimeSources,
): () => void {
  metrics.counterFrom(
    'process_cpu_seconds_total',
    'User and system CPU time of the process.',
    () => {
      const { user, system } = sources.cpuUsage()
      return [{ labels: {}, value: (user + system) / 1e6 }]
    },
  )
  const memory = (
    name: string,
    help: string,
    read: (m: ReturnType<RuntimeSources['memoryUsage']>) => number,
  ) => metrics.gauge(name, help, () => [{ labels: {}, value: read(sources.memoryUsage()) }])
  memory('process_resident_memory_bytes', 'Resident memory of the process.', (m) => m.rss)
  memory('nodejs_heap_size_used_bytes', 'V8 heap in use.', (m) => m.heapUsed)
  memory('nodejs_heap_size_total_bytes', 'V8 heap reserved.', (m) => m.heapTotal)
  memory(
    'nodejs_external_memory_bytes',
    'Memory outside the V8 heap that V8 accounts for (buffers, array buffers).',
    (m) => m.external,
  )
  memory(
    'nodejs_array_buffers_bytes',
    'Memory of ArrayBuffers and Buffers (request and response bodies).',
    (m) => m.arrayBuffers,
  )
  const pause = metrics.histogram(
    'nodejs_gc_duration_seconds',
    'Garbage collection pauses by kind (minor: young generation, major: full collection).',
    GC_BUCKETS,
  )
  // one label object per kind, so an observation allocates nothing
  const labels: Record<GcKind, { kind: GcKind }> = {
    minor: { kind: 'minor' },
    major: { kind: 'major' },
    incremental: { kind: 'incremental' },
    weakcb: { kind: 'weakcb' },
  }
  return sources.observeGc((kind, seconds) => pause(labels[kind], seconds))
}
