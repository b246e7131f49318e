/** Memory under load: RSS before and after REST calls and abandoned legacy sessions. */
import type { BenchContext } from './bench-context.js'
import { fmt, line, mb, pct } from './figures.js'
import type { LoadResult } from './load.js'
import { LEGACY_INITIALIZE, MCP_HEADERS } from './mcp-messages.js'
import { load, rssMb, sleep, startCapstan, stop } from './processes.js'
import type { Section } from './report.js'
import { CAPABILITY, SESSIONS, SOAK_CALLS } from './settings.js'

/**
 * RSS once the engine has been idle a moment: the lowest of 16 samples over 4 s after a 1 s
 * pause, so a garbage collection that happens to run (or not) just before one reading does not
 * pass for growth or for shrinkage.
 */
export async function settledRss(pid: number): Promise<number> {
  await sleep(1000)
  let low = Number.POSITIVE_INFINITY
  for (let i = 0; i < 16; i++) {
    low = Math.min(low, rssMb(pid))
    await sleep(250)
  }
  return low
}

/** Each soak gets a fresh engine, so what earlier sections grew (heap, pools) is not counted. */
export async function soakSection(ctx: BenchContext): Promise<Section> {
  ctx.log(`soak: ${SOAK_CALLS} REST calls (fresh engine)`)
  const restEngine = await startCapstan([CAPABILITY], ctx.upstream, '/v1/json/1k')
  let before: number, after: number, soak: LoadResult
  try {
    const url = `http://127.0.0.1:${restEngine.port}/v1/json/1k`
    await load({ url, connections: 16, amount: Math.round(SOAK_CALLS / 10) })
    before = await settledRss(restEngine.proc.pid!)
    soak = await load({ url, connections: 16, amount: SOAK_CALLS })
    after = await settledRss(restEngine.proc.pid!)
  } finally {
    await stop(restEngine)
  }
  ctx.log(`soak: ${SESSIONS} abandoned legacy sessions (fresh engine)`)
  const mcpEngine = await startCapstan([CAPABILITY], ctx.upstream, '/v1/json/1k')
  let sessionsStart: number, sBefore: number, sAfter: number, opened: LoadResult
  try {
    const pid = mcpEngine.proc.pid!
    const mcpUrl = `http://127.0.0.1:${mcpEngine.mcpPort}/mcp`
    const initBody = LEGACY_INITIALIZE
    const initReq = {
      method: 'POST' as const,
      headers: MCP_HEADERS,
      body: initBody,
    }
    sessionsStart = await settledRss(pid)
    // as many as are measured: V8 sizes its young generation to this load within ~12,000
    await load({ url: mcpUrl, connections: 8, amount: SESSIONS, ...initReq })
    sBefore = await settledRss(pid)
    opened = await load({ url: mcpUrl, connections: 8, amount: SESSIONS, ...initReq })
    sAfter = await settledRss(pid)
  } finally {
    await stop(mcpEngine)
  }
  const r1 = after / before
  const r2 = sAfter / sBefore
  return {
    title: 'Memory under load',
    rows: [
      {
        target: `RSS flat (±10%) over ${fmt(SOAK_CALLS)} REST calls`,
        value: `${mb(before)} → ${mb(after)}`,
        ratio: pct(r1),
        pass: Math.abs(r1 - 1) <= 0.1,
      },
      {
        target: `RSS flat (±10%) over ${fmt(SESSIONS)} abandoned legacy sessions`,
        value: `${mb(sBefore)} → ${mb(sAfter)} (${mb(sessionsStart)} before the warm-up)`,
        ratio: pct(r2),
        pass: Math.abs(r2 - 1) <= 0.1,
      },
    ],
    raw: [
      line(`soak ${SOAK_CALLS} calls`, soak),
      line(`${SESSIONS} initialize requests`, opened),
      `RSS samples MB: REST ${before.toFixed(1)} → ${after.toFixed(1)}; sessions ${sessionsStart.toFixed(1)} → (warm-up ${SESSIONS}) ${sBefore.toFixed(1)} → ${sAfter.toFixed(1)}`,
    ],
  }
}
