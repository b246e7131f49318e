/**
 * Open-loop load generator child process (argv[2] = JSON spec): issues requests at evenly spaced
 * scheduled times, whether or not earlier ones have answered, and counts each latency from the
 * request's scheduled time, so a stall shows in the figures instead of slowing the offered rate.
 * autocannon's rate mode is not open loop: each connection sends its per-second quota back to back,
 * then pauses until the next second, which measures latency under bursts at full speed.
 */
import { Pool } from 'undici'
import { summarize } from './load-result.js'

export interface OpenLoopSpec {
  readonly url: string
  readonly rate: number
  /** Seconds of counted requests. */
  readonly duration: number
  /**
   * Seconds at the same rate before counting starts. A cold generator (its own code not yet
   * compiled, its connections not yet open) falls behind its schedule for up to ~1 s; without this
   * the p99 measured the generator's start, not the target.
   */
  readonly warmup?: number
  /** Keep-alive connections available; enough that the pool never limits the offered rate. */
  readonly connections?: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as OpenLoopSpec
const target = new URL(spec.url)
const pool = new Pool(target.origin, { connections: spec.connections ?? 64, pipelining: 1 })
const path = `${target.pathname}${target.search}`
const uncounted = Math.round(spec.rate * (spec.warmup ?? 2))
const total = uncounted + Math.round(spec.rate * spec.duration)
const interval = 1000 / spec.rate
const latencies = new Float64Array(total - uncounted)
let done = 0
let sent = 0
let errors = 0
let non2xx = 0
let ok = 0

async function one(scheduled: number, counted: boolean): Promise<void> {
  try {
    const res = await pool.request({ path, method: 'GET' })
    await res.body.dump()
    if (!counted) {
      // warm-up: not part of the figures
    } else if (res.statusCode >= 200 && res.statusCode < 300) {
      latencies[ok++] = performance.now() - scheduled
    } else non2xx++
  } catch {
    if (counted) errors++
  }
  if (++done === total) finish()
}

const start = performance.now() + 20
const countFrom = start + uncounted * interval
function tick(): void {
  const now = performance.now()
  // every request whose time has come goes out now (timers fire at ~1 ms granularity)
  while (sent < total && start + sent * interval <= now) {
    void one(start + sent * interval, sent >= uncounted)
    sent++
  }
  if (sent < total) setTimeout(tick, 1)
}
setTimeout(tick, 20)

function finish(): void {
  const out = summarize(latencies.subarray(0, ok), (performance.now() - countFrom) / 1000, {
    total: total - uncounted,
    errors,
    non2xx,
  })
  process.stdout.write(`${JSON.stringify(out)}\n`)
  void pool.close().then(() => process.exit(0))
}
