/** The running process's readings for the runtime metrics: process and perf_hooks. */
import { constants, PerformanceObserver } from 'node:perf_hooks'
import type { GcKind, RuntimeSources } from '../host/telemetry/runtime-metrics.js'

const KINDS = new Map<number, GcKind>([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakcb'],
])

export function processRuntimeSources(): RuntimeSources {
  return {
    cpuUsage: () => process.cpuUsage(),
    memoryUsage: () => process.memoryUsage(),
    observeGc(onGc) {
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const detail = (entry as { detail?: { kind?: number } }).detail
          const kind = KINDS.get(detail?.kind ?? -1)
          if (kind !== undefined) onGc(kind, entry.duration / 1000)
        }
      })
      observer.observe({ entryTypes: ['gc'] })
      return () => observer.disconnect()
    },
  }
}
