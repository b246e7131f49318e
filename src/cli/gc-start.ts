/**
 * When V8 starts marking for a full collection, for `capstan run`. V8 11 (Node 20) starts it as
 * soon as the room left below its old-generation limit is smaller than the young generation; with
 * the little an engine like this promotes, V8 keeps that limit close to the live size, so under
 * load every full collection was followed at once by the next (60+ in 6 s at a 20 MB heap, a busy
 * core, p99 of 15–20 ms: BENCHMARKS.md). Marking instead starts when the old generation has used
 * this share of the room it had after the last one, as V8's own trigger flags allow; V8 still
 * chooses the limit, so resident memory keeps V8's pacing.
 */
export const DEFAULT_GC_START_PERCENT = 80
const FLAGS = ['--incremental-marking-soft-trigger', '--incremental-marking-hard-trigger']

/** The percent from --gc-start-percent / CAPSTAN_GC_START_PERCENT, or why it is refused. */
export function parseGcStartPercent(value: string | undefined): number | string {
  if (value === undefined || value === '') return DEFAULT_GC_START_PERCENT
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 && n <= 99
    ? n
    : `--gc-start-percent must be a whole number from 0 to 99 (0 keeps V8's own rule), got "${value}"`
}

/**
 * The V8 flags to set: marking by a task at `percent`, at once halfway from there to the limit.
 * None for 0, nor when node itself was started with either flag (an operator's choice wins).
 */
export function gcStartFlags(percent: number, execArgv: readonly string[]): string[] {
  if (percent === 0) return []
  const given = (flag: string) =>
    execArgv.some((a) => {
      const name = a.split('=')[0]!.replaceAll('_', '-')
      return name === flag
    })
  if (FLAGS.some(given)) return []
  const hard = percent + Math.ceil((100 - percent) / 2)
  return [`${FLAGS[0]}=${percent}`, `${FLAGS[1]}=${hard}`]
}
