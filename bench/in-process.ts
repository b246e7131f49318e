/**
 * In-process micro-benchmarks (child process, argv[2] = JSON): the loader on N capability files,
 * and `invoke` per-call cost against a bare undici request to the same loopback upstream.
 */
import { request as undiciRequest, Agent } from 'undici'
import { loadCapabilities } from '../src/model/load-capabilities.js'
import type { RestExpose } from '../src/model/types.js'
import { createRuntimeDeps } from '../src/runtime/create-runtime-deps.js'
import { invoke } from '../src/runtime/invoke.js'
import { createUndiciTransport } from '../src/runtime/transport/index.js'
import { LEGACY_INITIALIZE, MCP_HEADERS } from './mcp-messages.js'

interface Spec {
  readonly mode: 'loader' | 'invoke' | 'heap'
  readonly paths?: string[]
  readonly repeats?: number
  readonly upstream?: string
  readonly calls?: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec

async function loader(): Promise<object> {
  const times: number[] = []
  let count = 0
  for (let i = 0; i < (spec.repeats ?? 3); i++) {
    const started = performance.now()
    const result = await loadCapabilities(spec.paths ?? [], { cwd: process.cwd() })
    times.push(performance.now() - started)
    count = result.capabilities.length
    if (result.diagnostics.some((d) => d.severity === 'error'))
      throw new Error('bench capability files have errors')
  }
  return {
    files: count,
    firstMs: times[0],
    bestMs: Math.min(...times),
    medianMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)],
  }
}

async function invokeBench(): Promise<object> {
  const upstream = spec.upstream ?? ''
  const loaded = await loadCapabilities(spec.paths ?? [], {
    cwd: process.cwd(),
    upstreams: new Map([['*', upstream]]),
  })
  const rest = loaded.capabilities[0]!.exposes.find((e): e is RestExpose => e.type === 'rest')!
  const plan = rest.operations.find((o) => o.name === 'get1k')!.plan
  const deps = createRuntimeDeps({
    transport: createUndiciTransport(),
    secrets: { values: new Map<string, string>(), context: {} },
  })
  const agent = new Agent()
  const calls = spec.calls ?? 5000
  const viaInvoke = async (): Promise<void> => {
    const result = await invoke(plan, {}, deps, {})
    if (result.kind !== 'value') throw new Error('unexpected result')
  }
  const bare = async (): Promise<void> => {
    const res = await undiciRequest(`${upstream}/json/1k`, {
      dispatcher: agent,
      headers: { accept: 'application/json' },
    })
    JSON.parse(await res.body.text())
  }
  const time = async (fn: () => Promise<void>, n: number): Promise<number> => {
    const started = performance.now()
    for (let i = 0; i < n; i++) await fn()
    return ((performance.now() - started) * 1000) / n
  }
  // warm both paths (JIT, connection pools), then alternate rounds so drift hits both equally
  await time(viaInvoke, 500)
  await time(bare, 500)
  const rounds = 11
  const a: number[] = []
  const b: number[] = []
  for (let r = 0; r < rounds; r++) {
    b.push(await time(bare, Math.round(calls / rounds)))
    a.push(await time(viaInvoke, Math.round(calls / rounds)))
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
  await agent.close()
  // overhead: the median of per-round ratios, each from two runs back to back
  return {
    invokeUs: median(a),
    bareUs: median(b),
    overhead: median(a.map((x, i) => x / b[i]! - 1)),
    rounds,
    calls,
  }
}

/** Heap used after forced collections (node --expose-gc) while legacy sessions are opened and abandoned. */
async function heapBench(): Promise<object> {
  const { startEngine } = await import('../src/cli/start-engine.js')
  const { default: pino } = await import('pino')
  const engine = await startEngine({
    paths: spec.paths ?? [],
    cwd: process.cwd(),
    env: {},
    upstreams: new Map([['*', spec.upstream ?? '']]),
    restPort: 0,
    mcpPort: 0,
    logDestination: pino.destination('/dev/null'),
  })
  const listener = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'mcp'))!
  const rest = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'rest'))!
  const init = LEGACY_INITIALIZE
  const headers = MCP_HEADERS
  const many = async (n: number, one: () => Promise<unknown>): Promise<void> => {
    for (let i = 0; i < n; i += 20)
      await Promise.all(Array.from({ length: Math.min(20, n - i) }, one))
  }
  const session = () =>
    fetch(`${listener.url}/mcp`, { method: 'POST', headers, body: init }).then((r) => r.text())
  const call = () => fetch(`${rest.url}/v1/json/1k`).then((r) => r.text())
  const gc = (globalThis as { gc?: () => void }).gc!
  const heapMb = (): number => {
    gc()
    gc()
    return Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10
  }
  const sessions = spec.calls ?? 10_000
  await many(sessions / 5, session)
  const afterSessionWarmUp = heapMb()
  await many(sessions, session)
  const afterSessions = heapMb()
  await many(sessions / 5, call)
  const afterCallWarmUp = heapMb()
  await many(sessions, call)
  const afterCalls = heapMb()
  await engine.close()
  return {
    sessions,
    afterSessionWarmUp,
    afterSessions,
    calls: sessions,
    afterCallWarmUp,
    afterCalls,
  }
}

const out =
  spec.mode === 'loader'
    ? await loader()
    : spec.mode === 'heap'
      ? await heapBench()
      : await invokeBench()
process.stdout.write(`${JSON.stringify(out)}\n`)
process.exit(0)
