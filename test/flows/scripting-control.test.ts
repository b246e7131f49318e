/**
 * /scripting with several files that each declare management.scripting: each file's governance
 * is shown and changed by its label, and every change leaves an audit line in the log.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import { collectLogs } from '../support/collect-logs.js'
import { itemsCapability } from '../support/items-capability.js'

const governed = (label: string, timeout: number) =>
  itemsCapability(
    label,
    `    - type: control
      port: 9090
      management:
        scripting: {enabled: true, defaultLanguage: javascript, timeout: ${timeout}}
    - type: rest
      namespace: api
      port: 8080
      resources:
        - path: /${label.toLowerCase()}
          name: items
          operations:
            - {method: GET, name: list-items, call: up.list}
`,
  )

let engine: Engine
let url: string
const logs = collectLogs()

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-scripting-control-'))
  writeFileSync(join(dir, 'alpha.yaml'), governed('Alpha', 1000))
  writeFileSync(join(dir, 'beta.yaml'), governed('Beta', 2000))
  engine = await startEngine({
    paths: [join(dir, 'alpha.yaml'), join(dir, 'beta.yaml')],
    cwd: dir,
    env: {},
    restPort: 0,
    controlPort: 0,
    logDestination: logs.stream,
  })
  const control = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'control'))!
  url = `${control.url}/scripting`
})
afterAll(async () => {
  await engine?.close()
})

const put = (query: string, body: string) =>
  fetch(`${url}${query}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })

describe('/scripting with several governed files', () => {
  it('shows the first file by default, another by ?capability=<label>, and names the choices for an unknown one', async () => {
    expect(await (await fetch(url)).json()).toMatchObject({ capability: 'Alpha', timeout: 1000 })
    const beta = await fetch(`${url}?capability=Beta`)
    expect(beta.status).toBe(200)
    expect(await beta.json()).toMatchObject({ capability: 'Beta', timeout: 2000 })
    const unknown = await fetch(`${url}?capability=Gamma`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({
      error:
        'No capability labelled "Gamma" declares management.scripting here; these do: "Alpha", "Beta". Name one with ?capability=<label>.',
    })
    expect((await put('?capability=Gamma', '{"timeout": 5}')).status).toBe(404)
  })

  it('changes only the named file, and logs who changed what', async () => {
    const changed = await put('?capability=Beta', '{"timeout": 2500, "enabled": false}')
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({
      capability: 'Beta',
      timeout: 2500,
      enabled: false,
    })
    expect(await (await fetch(url)).json()).toMatchObject({
      capability: 'Alpha',
      timeout: 1000,
      enabled: true,
    })
    const audit = logs.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'script governance changed')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      level: 30, // info
      capability: 'Beta',
      changes: { timeout: 2500, enabled: false },
      client: '127.0.0.1',
    })
    // a refused update changes nothing and logs no change
    expect((await put('?capability=Beta', '{"timeout": -1}')).status).toBe(400)
    expect(logs.lines.filter((l) => l.includes('script governance changed'))).toHaveLength(1)
  })
})

describe('capstan scripting --capability', () => {
  it("shows and changes the named file's governance", async () => {
    const { scriptingCommand } = await import('../../src/cli/commands/scripting.js')
    const out: string[] = []
    const err: string[] = []
    const io = {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      cwd: process.cwd(),
      env: {},
      onSignal: () => () => {},
    }
    const port = new URL(url).port
    const code = await scriptingCommand(
      ['--port', port, '--capability', 'Alpha', '--set', 'timeout=1200'],
      io,
    )
    expect([code, err.join('')]).toEqual([0, ''])
    expect(out.join('')).toContain('capability:        Alpha')
    expect(out.join('')).toContain('timeout:           1200 ms')
    const missing = await scriptingCommand(['--port', port, '--capability', 'Gamma'], io)
    expect(missing).toBe(1)
    expect(err.join('')).toContain('No capability labelled "Gamma"')
  })
})
