/** What a load generator child prints: throughput and latency percentiles of the 2xx responses. */
export interface LoadResult {
  readonly rps: number
  readonly total: number
  readonly errors: number
  readonly non2xx: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly mean: number
  readonly seconds: number
}

/** Percentiles and mean of the 2xx latencies (ms, sorted in place), over the run's seconds. */
export function summarize(
  latencies: Float64Array | number[],
  seconds: number,
  counts: { total: number; errors: number; non2xx: number },
): LoadResult {
  latencies.sort((a, b) => a - b)
  const ok = latencies.length
  const at = (q: number): number => latencies[Math.min(ok - 1, Math.floor(q * ok))] ?? 0
  let sum = 0
  for (let i = 0; i < ok; i++) sum += latencies[i]!
  return {
    rps: ok / seconds,
    ...counts,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    mean: ok ? sum / ok : 0,
    seconds,
  }
}
