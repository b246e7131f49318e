/** Start-up time to first response and idle RSS. */
import { rmSync } from 'node:fs'
import type { BenchContext } from './bench-context.js'
import { mb, median, ms, pct } from './figures.js'
import { generateFiles } from './generate-files.js'
import { rssMb, sleep, startCapstan, stop } from './processes.js'
import type { Section } from './report.js'
import { IDLE_SETTLE_MS, SEEDS, STARTS } from './settings.js'
import { settledRss } from './soak-section.js'

export async function startupSection(ctx: BenchContext): Promise<Section> {
  const seeds: number[] = []
  let idle = Number.NaN
  let early = Number.NaN
  // the first start after a build has no compile cache yet and writes it: reported, not counted
  ctx.log('start-up: first start after the build')
  const first = await startCapstan([SEEDS], undefined, '/openapi.json')
  await stop(first)
  ctx.log(`start-up: seeds ×${STARTS}`)
  for (let i = 0; i < STARTS; i++) {
    const c = await startCapstan([SEEDS], undefined, '/openapi.json')
    seeds.push(c.readyMs)
    if (i === 0) {
      await sleep(2000)
      early = rssMb(c.proc.pid!)
      // V8 returns start-up's young generation only once the process has been idle ~10 s
      await sleep(IDLE_SETTLE_MS - 2000)
      idle = await settledRss(c.proc.pid!)
    }
    await stop(c)
  }
  const dir = generateFiles(1000)
  const many: number[] = []
  ctx.log(`start-up: 1,000 files ×${Math.min(STARTS, 3)}`)
  try {
    for (let i = 0; i < Math.min(STARTS, 3); i++) {
      // a start-up past the 30 s probe deadline is recorded as a miss, not a crash
      const c = await startCapstan([dir], ctx.upstream, '/openapi.json').catch(() => undefined)
      many.push(c ? c.readyMs : Number.POSITIVE_INFINITY)
      if (c) await stop(c)
      else break
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const s = median(seeds)
  const m = median(many)
  return {
    title: 'Start-up and idle memory',
    rows: [
      {
        target: 'Start-up to first response, four seeds ≤ 300 ms',
        value: `${ms(s)} (median of ${seeds.length})`,
        ratio: pct(s / 300),
        pass: s <= 300,
      },
      {
        target: 'Start-up to first response, 1,000 capability files ≤ 3 s',
        value: `${ms(m)} (median of ${many.length})`,
        ratio: pct(m / 3000),
        pass: m <= 3000,
      },
      {
        target: 'Idle RSS with the four seeds ≤ 80 MB',
        value: `${mb(idle)} after ${IDLE_SETTLE_MS / 1000} s idle (${mb(early)} 2 s after ready)`,
        ratio: pct(idle / 80),
        pass: idle <= 80,
      },
    ],
    raw: [
      `seeds start-up ms: ${seeds.map((x) => x.toFixed(0)).join(', ')} (first start after the build, writing the compile cache: ${first.readyMs.toFixed(0)})`,
      `1,000 files start-up ms: ${many.map((x) => x.toFixed(0)).join(', ')}`,
    ],
  }
}
