/** REST facade: throughput against the minimal proxy, added latency at half saturation. */
import type { BenchContext } from './bench-context.js'
import { fmt, line, median, ms, pct } from './figures.js'
import type { LoadResult } from './load.js'
import {
  cpuSeconds,
  fullCollections,
  openLoad,
  sleep,
  type Capstan,
  type Child,
} from './processes.js'
import type { Section } from './report.js'
import { paired, saturate } from './saturation.js'
import {
  DISTURBED_P50_MS,
  EXTRA_ROUNDS,
  FLOOR_RATE,
  LATENCY_ROUNDS,
  LATENCY_SECONDS,
  SETTLE_MS,
} from './settings.js'

export async function restSection(
  ctx: BenchContext,
  proxy: Child,
  capstan: Capstan,
): Promise<Section> {
  const rows: Section['rows'] = []
  const raw: string[] = []
  const targets = (size: string) => ({
    direct: `${ctx.upstream}/json/${size}`,
    proxy: `http://127.0.0.1:${proxy.port}/v1/json/${size}`,
    capstan: `http://127.0.0.1:${capstan.port}/v1/json/${size}`,
    pids: { proxy: proxy.proc.pid!, capstan: capstan.proc.pid! },
    engine: capstan,
  })
  for (const size of ['1k', '10k', '64k']) {
    ctx.log(`REST ${size}: saturation`)
    const urls = targets(size)
    const direct = await saturate(urls.direct)
    const pair = await paired(
      () => saturate(urls.proxy),
      () => saturate(urls.capstan),
    )
    const viaProxy = pair.a
    const viaCapstan = pair.b
    const rate = Math.max(100, Math.round(viaCapstan.rps / 2))
    ctx.log(`REST ${size}: latency at ${rate} req/s`)
    await sleep(SETTLE_MS)
    const measured = await pacedRounds({ ...urls, rate }, LATENCY_ROUNDS, ctx.pacer)
    const half = measured.kept
    const unloaded = await pacedRounds({ ...urls, rate: FLOOR_RATE }, 1, ctx.pacer)
    const floor = unloaded.kept[0]!
    const repeated = measured.all.length - LATENCY_ROUNDS
    const disturbed =
      repeated > 0
        ? `; ${repeated} more round${repeated > 1 ? 's' : ''} run because the direct call itself queued (p50 over ${DISTURBED_P50_MS} ms)${half.length === measured.all.length ? ', so every round is counted' : ''}`
        : ''
    const ratio = pair.ratio
    rows.push({
      target: `REST ${size} throughput ≥ 85% of minimal proxy`,
      value: `${fmt(viaCapstan.rps)} vs ${fmt(viaProxy.rps)} req/s`,
      ratio: pct(ratio),
      pass: ratio >= 0.85,
    })
    for (const [q, limit] of [
      ['p50', 0.5],
      ['p99', 3],
    ] as const) {
      const capstanAdds = half.map((r) => r.capstan[q] - r.direct[q])
      const proxyAdds = half.map((r) => r.proxy[q] - r.direct[q])
      const added = median(capstanAdds)
      rows.push({
        target: `REST ${size} added ${q} at ${rate} req/s ≤ ${limit} ms`,
        value: `${ms(added)} (${half.length > 1 ? `median of ${half.length} rounds: ${capstanAdds.map(ms).join(', ')}` : 'one round'}); the minimal proxy adds ${ms(median(proxyAdds))}; Capstan's process was busy ${pct(median(half.map((r) => r.busy.capstan)))} of a core (the minimal proxy's ${pct(median(half.map((r) => r.busy.proxy)))}); unloaded (${FLOOR_RATE} req/s) Capstan adds ${ms(floor.capstan[q] - floor.direct[q])}, the minimal proxy ${ms(floor.proxy[q] - floor.direct[q])}${gcNote(half)}${disturbed}`,
        ratio: '',
        pass: added <= limit,
      })
    }
    raw.push(
      line(`direct ${size} saturation`, direct),
      line(`minimal proxy ${size} saturation (median round)`, viaProxy),
      line(`capstan ${size} saturation (median round)`, viaCapstan),
      `${size} ${pair.rounds}`,
      ...roundLines(measured, (i, who) => `round ${i + 1}: ${who} ${size} @${rate}/s`),
      ...roundLines(
        unloaded,
        (i, who) => `unloaded${i > 0 ? ` ${i + 1}` : ''}: ${who} ${size} @${FLOOR_RATE}/s`,
      ),
    )
  }
  return { title: 'REST facade', rows, raw }
}

/** Capstan's full garbage collections per counted round, when its /metrics could be read. */
function gcNote(rounds: readonly PacedRound[]): string {
  const counts = rounds.map((r) => r.fullGcs)
  return counts.every((c) => c !== undefined)
    ? `; full GCs in Capstan per round: ${counts.join(', ')}`
    : ''
}

/** Raw lines of every paced round run, the ones not counted marked; `label` names round and target. */
function roundLines(
  rounds: { kept: PacedRound[]; all: PacedRound[] },
  label: (index: number, target: string) => string,
): string[] {
  return rounds.all.flatMap((r, i) => [
    `${line(label(i, 'direct'), r.direct)}${rounds.kept.includes(r) ? '' : ' (not counted: the machine was disturbed)'}`,
    `${line(label(i, 'minimal proxy'), r.proxy)}, busy ${pct(r.busy.proxy)} of a core`,
    `${line(label(i, 'capstan'), r.capstan)}, busy ${pct(r.busy.capstan)} of a core${r.fullGcs === undefined ? '' : `, ${r.fullGcs} full GC${r.fullGcs === 1 ? '' : 's'}`}`,
  ])
}

interface PacedRound {
  readonly direct: LoadResult
  readonly proxy: LoadResult
  readonly capstan: LoadResult
  /** CPU the engine's process used during its run (all threads), as a fraction of one core. */
  readonly busy: { readonly proxy: number; readonly capstan: number }
  /** Full garbage collections Capstan ran during its run (its /metrics), when it has a control port. */
  readonly fullGcs: number | undefined
}

/**
 * Paced runs of the three targets in rounds, the order rotated each round (direct, proxy, Capstan;
 * then proxy, Capstan, direct; …), so a slow spell on this shared machine lands on one round's
 * three runs rather than on one target; the added latency is taken per round, against the direct
 * call measured beside it. A round in which the direct call itself queued is run again (the
 * choice looks at the direct call only); `kept` is every round when too many were disturbed.
 */
async function pacedRounds(
  targets: {
    direct: string
    proxy: string
    capstan: string
    pids: { proxy: number; capstan: number }
    engine: Capstan
    rate: number
  },
  count: number,
  pacer: string | undefined,
): Promise<{ kept: PacedRound[]; all: PacedRound[] }> {
  // evenly paced arrivals, latency from each request's scheduled time
  const paced = (url: string) =>
    openLoad({ url, rate: targets.rate, duration: LATENCY_SECONDS }, pacer)
  const order = ['direct', 'proxy', 'capstan'] as const
  const rounds: PacedRound[] = []
  const calm = (r: PacedRound) => r.direct.p50 <= DISTURBED_P50_MS
  for (let round = 0; rounds.filter(calm).length < count && round < count + EXTRA_ROUNDS; round++) {
    const results: Partial<Record<(typeof order)[number], LoadResult>> = {}
    const busy = { proxy: 0, capstan: 0 }
    let fullGcs: number | undefined
    for (let i = 0; i < order.length; i++) {
      const side = order[(round + i) % order.length]!
      if (side === 'direct') {
        results[side] = await paced(targets[side])
        continue
      }
      const pid = targets.pids[side]
      const gcs = side === 'capstan' ? await fullCollections(targets.engine) : undefined
      const cpu = cpuSeconds(pid)
      const began = performance.now()
      results[side] = await paced(targets[side])
      busy[side] = (cpuSeconds(pid) - cpu) / ((performance.now() - began) / 1000)
      const after = side === 'capstan' ? await fullCollections(targets.engine) : undefined
      if (gcs !== undefined && after !== undefined) fullGcs = after - gcs
    }
    rounds.push({ ...(results as Omit<PacedRound, 'busy' | 'fullGcs'>), busy, fullGcs })
  }
  const kept = rounds.filter(calm)
  return { kept: kept.length >= count ? kept : rounds, all: rounds }
}
