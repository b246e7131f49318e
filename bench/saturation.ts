/** Closed-loop saturation runs, and two targets saturated in alternating rounds. */
import type { LoadResult } from './load.js'
import { fmt, median, pct } from './figures.js'
import { load } from './processes.js'
import { CONNECTIONS, ROUNDS, SAT_SECONDS } from './settings.js'

export async function saturate(
  url: string,
  extra: Partial<Parameters<typeof load>[0]> = {},
): Promise<LoadResult> {
  return load({ url, connections: CONNECTIONS, duration: SAT_SECONDS, ...extra })
}

/**
 * Saturates two targets in alternating rounds (A B, B A, A B …). Each side's median round is
 * reported; the ratio is the median of the per-round ratios B/A, each taken from two runs back to
 * back, so a slow spell on this shared machine lands on both sides of a ratio, not on one side.
 */
export async function paired(
  a: () => Promise<LoadResult>,
  b: () => Promise<LoadResult>,
): Promise<{ a: LoadResult; b: LoadResult; ratio: number; rounds: string }> {
  const as: LoadResult[] = []
  const bs: LoadResult[] = []
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      as.push(await a())
      bs.push(await b())
    } else {
      bs.push(await b())
      as.push(await a())
    }
  }
  const mid = (xs: LoadResult[]): LoadResult =>
    [...xs].sort((x, y) => x.rps - y.rps)[Math.floor(xs.length / 2)]!
  const ratio = median(as.map((r, i) => bs[i]!.rps / r.rps))
  return {
    a: mid(as),
    b: mid(bs),
    ratio,
    rounds: `rounds (req/s): ${as.map((r) => fmt(r.rps)).join(', ')} vs ${bs.map((r) => fmt(r.rps)).join(', ')}; per-round ratios ${as.map((r, i) => pct(bs[i]!.rps / r.rps)).join(', ')}`,
  }
}
