/**
 * `npm run bench`: starts the loopback upstream, the baselines and Capstan as separate processes,
 * drives them with autocannon and a paced generator from other processes, and writes BENCHMARKS.md.
 * BENCH_QUICK=1 for a ~3-minute run.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { BenchContext } from './bench-context.js'
import { bigSection } from './big-section.js'
import { inProcessSection } from './in-process-section.js'
import { mcpSection } from './mcp-section.js'
import { buildNativeGenerator } from './native-generator.js'
import {
  CAPSTAN_DIR,
  freePort,
  ROOT,
  startCapstan,
  startHelper,
  stop,
  type Capstan,
  type Child,
} from './processes.js'
import { writeReport, type Section } from './report.js'
import { restSection } from './rest-section.js'
import { BASELINE_NODE_FLAGS, CAPABILITY, QUICK } from './settings.js'
import { soakSection } from './soak-section.js'
import { startupSection } from './startup-section.js'

const sections: Section[] = []
const began = Date.now()
const log = (line: string): void =>
  void process.stderr.write(`[bench ${((Date.now() - began) / 1000).toFixed(0)}s] ${line}\n`)

log('building (npm run build)')
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: CAPSTAN_DIR, stdio: 'inherit' })
if (build.status !== 0) throw new Error('npm run build failed')

const native = buildNativeGenerator(ROOT)
const pacer = 'path' in native ? native.path : undefined
log(
  'path' in native
    ? `paced generator: native (${native.path})`
    : `paced generator: bench/open-loop.ts (no native build: ${native.problem})`,
)
const up = await startHelper('upstream.ts')
const upstream = `http://127.0.0.1:${up.port}`
const ctx: BenchContext = { upstream, pacer, log }
const children: Array<Child | Capstan> = [up]
process.once('SIGINT', () => void Promise.all(children.map(stop)).then(() => process.exit(130)))
try {
  // start-up first, on a quiet machine: later sections leave the kernel reclaiming hundreds of MB
  sections.push(await startupSection(ctx))
  // the baselines get the V8 heap growth `capstan run` sets for itself, so no ratio comes from it
  const proxy = await startHelper('minimal-proxy.ts', [upstream], BASELINE_NODE_FLAGS)
  const bare = await startHelper('bare-mcp.ts', [upstream], BASELINE_NODE_FLAGS)
  // a control port for /metrics: the paced rounds report the full collections each one ran
  const capstan = await startCapstan([CAPABILITY], upstream, '/v1/json/1k', [
    '--control-port',
    String(await freePort()),
  ])
  children.push(proxy, bare, capstan)

  sections.push(await restSection(ctx, proxy, capstan))
  sections.push(await mcpSection(ctx, bare, capstan))
  sections.push(await soakSection(ctx))
  sections.push(await bigSection(ctx, capstan))
  await stop(capstan)
  sections.push(await inProcessSection(ctx))
} finally {
  await Promise.all(children.map(stop))
}
const file = writeReport(join(ROOT, 'BENCHMARKS.md'), sections, {
  quick: QUICK,
  seconds: (Date.now() - began) / 1000,
  pacer: pacer ? 'native' : 'node',
})
log(`wrote ${file}`)
