/**
 * Issue 9: `capstan run --watch` swaps in a changed capability file under load without failing a
 * request, and an invalid edit keeps the running version while reporting its diagnostics.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import type { ReloadOutcome } from '../../src/host/watch/create-reloader.js'
import { collectLogs } from '../support/collect-logs.js'

const SEED = readFileSync('examples/seeds/qovery-container-secret.yaml', 'utf8')
let dir: string
let file: string
let engine: Engine
let rest: string
let control: string
const outcomes: ReloadOutcome[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capstan-watch-'))
  file = join(dir, 'container-secret.yaml')
  writeFileSync(file, SEED)
  engine = await startEngine({
    paths: [dir],
    cwd: process.cwd(),
    env: {},
    sandbox: true,
    watch: true,
    restPort: 0,
    mcpPort: 0,
    controlPort: 0,
    shutdownGraceMs: 2000,
    logDestination: collectLogs().stream,
    onReload: (o) => outcomes.push(o),
  })
  rest = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'rest'))!.url
  control = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'control'))!.url
})

afterAll(async () => {
  await engine?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function nextOutcome(count: number): Promise<ReloadOutcome> {
  const deadline = Date.now() + 8000
  while (outcomes.length < count && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25))
  expect(outcomes.length).toBeGreaterThanOrEqual(count)
  return outcomes[count - 1]!
}

const label = async () =>
  ((await (await fetch(`${control}/status`)).json()) as { capabilities: { label: string }[] })
    .capabilities[0]!.label

describe('capstan run --watch', () => {
  it('reloads a changed file under load with zero failed requests', async () => {
    const ids = engine.sandbox!.demoIds as { qovery: Record<string, string> }
    const url = `${rest}/v1/container/${ids.qovery.containerId}/secret`
    let stop = false
    const failures: string[] = []
    let done = 0
    // Four clients, each bounded to 400 requests and by the stop flag.
    const clients = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 400 && !stop; i++) {
        try {
          const res = await fetch(url)
          await res.arrayBuffer()
          if (res.status !== 200) failures.push(`HTTP ${res.status}`)
        } catch (error) {
          failures.push((error as Error).message)
        }
        done++
      }
    })
    await new Promise((r) => setTimeout(r, 200))
    writeFileSync(
      file,
      SEED.replace(
        'label: Qovery API — Container Secret',
        'label: Qovery Container Secrets (reloaded)',
      ),
    )
    const outcome = await nextOutcome(1)
    await new Promise((r) => setTimeout(r, 200))
    stop = true
    await Promise.all(clients)
    expect(outcome.kind).toBe('reloaded')
    expect(done).toBeGreaterThan(20)
    expect(failures).toEqual([])
    expect(await label()).toBe('Qovery Container Secrets (reloaded)')
  })

  it('keeps the running version when an edit is invalid, and reports its diagnostics', async () => {
    const before = outcomes.length
    writeFileSync(file, SEED.replace('method: GET', 'method: FETCH'))
    const outcome = await nextOutcome(before + 1)
    expect(outcome.kind).toBe('rejected')
    expect(outcome.diagnostics.some((d) => d.severity === 'error')).toBe(true)
    const ids = engine.sandbox!.demoIds as { qovery: Record<string, string> }
    expect((await fetch(`${rest}/v1/container/${ids.qovery.containerId}/secret`)).status).toBe(200)
    expect(await label()).toBe('Qovery Container Secrets (reloaded)')
  })
})
