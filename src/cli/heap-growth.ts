/**
 * How far V8 lets the heap grow past what survived the last full collection before it starts the
 * next one, for `capstan run`. V8 picks that factor from how fast the old generation fills, and an
 * engine like this promotes little, so on Node 20 it fell close to 1. The limit it then set also
 * counts external memory: the response bodies (64 KB each at the bench's largest size) allocated
 * since the last young collection crossed it again within ~100 ms, so under load one full
 * collection followed another (60+ in 6 s at a 20 MB heap, a busy core, p99 of 15–20 ms:
 * BENCHMARKS.md). Pinned at V8's own largest factor (4, i.e. 300%), a full collection comes only
 * when the heap really grows.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 300
const MAX_HEAP_GROWING_PERCENT = 1000
const FLAG = '--heap-growing-percent'

/** The percent from --heap-growing-percent / CAPSTAN_HEAP_GROWING_PERCENT, or why it is refused. */
export function parseHeapGrowingPercent(value: string | undefined): number | string {
  if (value === undefined || value === '') return DEFAULT_HEAP_GROWING_PERCENT
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 && n <= MAX_HEAP_GROWING_PERCENT
    ? n
    : `--heap-growing-percent must be a whole number from 0 to ${MAX_HEAP_GROWING_PERCENT} (0 keeps V8's own choice), got "${value}"`
}

/**
 * The V8 flag to set, or undefined: for 0, and when node itself was started with the flag (an
 * operator's `node --heap-growing-percent=N bin/capstan.js` wins).
 */
export function heapGrowthFlag(percent: number, execArgv: readonly string[]): string | undefined {
  if (percent === 0) return undefined
  // V8 takes its flags with - or _ between words, and the value after = or as the next argument
  if (execArgv.some((a) => a.split('=')[0]!.replaceAll('_', '-') === FLAG)) return undefined
  return `${FLAG}=${percent}`
}
