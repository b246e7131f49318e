/**
 * Recent traces for `GET /traces`: client spans wait for their request's server span, then the
 * whole trace enters a ring buffer that evicts the oldest.
 */
import type { Span } from './span.js'

export interface TraceSummary {
  readonly traceId: string
  readonly operation: string
  readonly durationMs: number
  readonly status: 'OK' | 'ERROR'
  readonly spanCount: number
  readonly timestamp: string
  readonly spans: readonly Span[]
}

export interface TraceBuffer {
  /** A server span may bring its children; others wait for their server span by trace id. */
  add(span: Span, children?: Span[]): void
  list(filter?: { operation?: string; status?: string }): TraceSummary[]
  find(traceId: string): TraceSummary | undefined
  readonly capacity: number
  size(): number
  /** Changes how many traces are kept (a reload's buffer-size), keeping the newest that fit. */
  resize(capacity: number): void
}

const MAX_PENDING_TRACES = 1000

export function createTraceBuffer(initialCapacity = 100): TraceBuffer {
  let capacity = initialCapacity
  // a fixed ring of raw traces; summaries (ISO timestamps, rounding) are made only when read
  let ring: ({ server: Span; children: Span[] } | undefined)[] = new Array(capacity)
  let next = 0
  let count = 0
  const pending = new Map<string, Span[]>()
  const newestFirst = (): TraceSummary[] => {
    const out: TraceSummary[] = []
    for (let i = 1; i <= count; i++) {
      const entry = ring[(next - i + capacity) % capacity]
      if (entry) out.push(summarize(entry.server, entry.children))
    }
    return out
  }
  return {
    get capacity() {
      return capacity
    },
    size: () => count,
    resize(size) {
      if (size === capacity) return
      const kept = Math.min(count, size)
      const resized = new Array<(typeof ring)[number]>(size)
      // oldest kept first, so the ring's order is unchanged
      for (let i = 0; i < kept; i++) resized[i] = ring[(next - kept + i + capacity) % capacity]
      ring = resized
      capacity = size
      count = kept
      next = size === 0 ? 0 : kept % size
    },
    add(span, given) {
      if (span.kind !== 'SERVER') {
        let list = pending.get(span.traceId)
        if (!list) {
          // Bounded: spans of calls that never get a server span (stdio, CLI) are dropped oldest first.
          if (pending.size >= MAX_PENDING_TRACES) pending.delete(pending.keys().next().value!)
          pending.set(span.traceId, (list = []))
        }
        if (list.length < 100) list.push(span)
        return
      }
      let children = given ?? []
      const waiting = pending.size === 0 ? undefined : pending.get(span.traceId)
      if (waiting !== undefined) {
        pending.delete(span.traceId)
        children = children.length === 0 ? waiting : [...children, ...waiting]
      }
      if (capacity === 0) return
      ring[next] = { server: span, children }
      next = (next + 1) % capacity
      if (count < capacity) count++
    },
    list(filter = {}) {
      return newestFirst()
        .filter((t) => (filter.operation ? t.operation.includes(filter.operation) : true))
        .filter((t) => (filter.status ? t.status === filter.status.toUpperCase() : true))
    },
    find: (traceId) => newestFirst().find((t) => t.traceId === traceId),
  }
}

function summarize(span: Span, children: readonly Span[]): TraceSummary {
  return {
    traceId: span.traceId,
    operation: span.name,
    durationMs: round(span.endMs - span.startMs),
    status: span.status,
    spanCount: children.length + 1,
    timestamp: new Date(span.startMs).toISOString(),
    spans: [span, ...children],
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}
