/**
 * Script steps end to end: the upstream example capability (script-step.yml) with its locations
 * made relative, a recording upstream for GitHub, and the official MCP client.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import { collectLogs } from '../support/collect-logs.js'
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.js'
import { SHARED_ROOT } from '../support/shared-root.js'

const FIXTURE = join(
  SHARED_ROOT,
  'conformance/upstream-fixtures/framework/src/main/resources/schemas/examples/script-step.yml',
)
const MEMBERS = [
  { login: 'ann', id: 1, state: 'active' },
  { login: 'bob', id: 2, state: 'suspended' },
  { login: 'cy', id: 3, state: 'active' },
]

let upstream: RecordingUpstream
let engine: Engine
let client: Client
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capstan-scripts-'))
  mkdirSync(join(dir, 'scripts', 'lib'), { recursive: true })
  writeFileSync(
    join(dir, 'scripts', 'lib', 'array-utils.js'),
    'function pick(list, keys) { return list.map((x) => Object.fromEntries(keys.map((k) => [k, x[k]]))) }\n',
  )
  writeFileSync(
    join(dir, 'scripts', 'filter-active.js'),
    "var result = pick(context['list-members'].filter((m) => m.state === 'active'), ['login', 'id'])\n",
  )
  writeFileSync(
    join(dir, 'cap.yaml'),
    readFileSync(FIXTURE, 'utf8').replaceAll(
      'file:///app/capabilities/scripts',
      'file:///./scripts',
    ),
  )
  upstream = await startRecordingUpstream(() => ({ body: MEMBERS }))
  engine = await startEngine({
    paths: [join(dir, 'cap.yaml')],
    cwd: dir,
    env: {},
    mcpPort: 0,
    controlPort: 0,
    upstreams: new Map([['github', upstream.url]]),
    logDestination: collectLogs().stream,
  })
  const mcp = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'mcp'))!
  client = new Client({ name: 'script-test', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(`${mcp.url}/mcp`)))
})
afterAll(async () => {
  await client?.close()
  await engine?.close()
  await upstream?.close()
})

describe('script steps', () => {
  it("transform a call step's output in the sandbox, with the file's own dependencies", async () => {
    const result = await client.callTool({ name: 'active-members', arguments: { org: 'acme' } })
    expect(result.isError).not.toBe(true)
    expect(upstream.requests.at(-1)!.path).toBe('/orgs/acme/members')
    expect(result.structuredContent).toEqual({
      'active-members': [
        { login: 'ann', id: 1 },
        { login: 'cy', id: 3 },
      ],
    })
  })

  it('load the Python step with a warning where it is written, and fail its tool with a clear error', async () => {
    const warning = engine.diagnostics.find((d) => d.code === 'UNSUPPORTED_FEATURE')!
    expect(warning.severity).toBe('warning')
    expect(warning.pointer).toBe('/capability/exposes/1/tools/1/steps/1/language')
    expect(warning.message).toContain('Capstan runs JavaScript scripts only')
    const result = await client.callTool({
      name: 'readings-summary',
      arguments: { 'device-id': 'd-1' },
    })
    expect(result.isError).toBe(true)
  })

  it('report their governance and counts on the control port', async () => {
    const control = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'control'))!
    const res = await fetch(`${control.url}/scripting`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as Record<string, unknown> & { stats: Record<string, unknown> }
    expect(doc).toMatchObject({
      enabled: true,
      defaultLocation: pathToFileURL(join(dir, 'scripts')).href,
      defaultLanguage: 'javascript',
      timeout: 3000,
      // the fixture's own value
      statementLimit: 50_000,
      allowedLanguages: ['javascript', 'python'],
    })
    // the Python step is never run: one execution, from the first test
    expect(doc.stats).toMatchObject({ totalExecutions: 1, totalErrors: 0 })
    expect(doc.stats.averageDurationMs).toBeGreaterThan(0)
    expect(Date.parse(String(doc.stats.lastExecutionAt))).toBeGreaterThan(Date.now() - 60_000)
    const del = await fetch(`${control.url}/scripting`, { method: 'DELETE' })
    expect([del.status, del.headers.get('allow')]).toEqual([405, 'GET, HEAD, PUT'])
  })

  it('take a PUT /scripting update on the next call, and refuse a bad one whole', async () => {
    const control = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'control'))!
    const put = (body: string, type = 'application/json') =>
      fetch(`${control.url}/scripting`, {
        method: 'PUT',
        headers: { 'content-type': type },
        body,
      })
    const off = await put('{"enabled": false, "timeout": 2000}')
    expect(off.status).toBe(200)
    expect(await off.json()).toMatchObject({ enabled: false, timeout: 2000 })
    const refused = await client.callTool({ name: 'active-members', arguments: { org: 'acme' } })
    expect(refused.isError).toBe(true)
    expect(JSON.stringify(refused.content)).toContain(
      'management.scripting.enabled turns scripting off',
    )

    const bad = await put('{"enabled": true, "statementLimit": "many"}')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({
      error: 'statementLimit must be a whole number of at least 1, got "many".',
    })
    expect((await put('enabled=true', 'text/plain')).status).toBe(415)
    expect((await put('{"enabled": tru')).status).toBe(400)
    // the refused updates changed nothing: still off
    expect(await (await fetch(`${control.url}/scripting`)).json()).toMatchObject({ enabled: false })

    expect((await put('{"enabled": true}')).status).toBe(200)
    const back = await client.callTool({ name: 'active-members', arguments: { org: 'acme' } })
    expect(back.isError).not.toBe(true)
  })

  it('go back to the file on a --watch reload, dropping what PUT changed', async () => {
    const file = join(dir, 'watched.yaml')
    writeFileSync(file, readFileSync(join(dir, 'cap.yaml'), 'utf8'))
    const watched = await startEngine({
      paths: [file],
      cwd: dir,
      env: {},
      watch: true,
      mcpPort: 0,
      controlPort: 0,
      upstreams: new Map([['github', upstream.url]]),
      logDestination: collectLogs().stream,
    })
    try {
      const control = watched.host.listeners.find((l) =>
        l.surfaces.some((x) => x.type === 'control'),
      )!
      const url = `${control.url}/scripting`
      const put = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"enabled": false}',
      })
      expect(put.status).toBe(200)
      writeFileSync(file, readFileSync(file, 'utf8').replace('timeout: 3000', 'timeout: 4000'))
      expect((await watched.reload!()).kind).toBe('reloaded')
      expect(await (await fetch(url)).json()).toMatchObject({ enabled: true, timeout: 4000 })
    } finally {
      await watched.close()
    }
  })
})

describe('capstan scripting', () => {
  const run = async (...args: string[]) => {
    const { scriptingCommand } = await import('../../src/cli/commands/scripting.js')
    const out: string[] = []
    const err: string[] = []
    const control = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'control'))!
    const code = await scriptingCommand(['--port', new URL(control.url).port, ...args], {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      cwd: process.cwd(),
      env: {},
      onSignal: () => () => {},
    })
    return { code, out: out.join(''), err: err.join('') }
  }

  it('shows the governance and changes it with --set, typed per field', async () => {
    const shown = await run()
    expect(shown.code).toBe(0)
    expect(shown.out).toContain('scripting: enabled')
    expect(shown.out).toContain('statement limit:   50000')
    const set = await run('--set', 'timeout=1500', '--set=allowedLanguages=javascript, python')
    expect(set.code).toBe(0)
    expect(set.out).toContain('updated; scripting: enabled')
    expect(set.out).toContain('timeout:           1500 ms')
    expect(set.out).toContain('allowed languages: javascript, python')
    const raw = JSON.parse((await run('--json')).out) as { timeout: number }
    expect(raw.timeout).toBe(1500)
  })

  it("exits 2 on an unknown field and 1 with the engine's reason on a bad value", async () => {
    const unknown = await run('--set', 'memory=1')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('--set takes key=value with key one of enabled, timeout')
    const bad = await run('--set', 'timeout=soon')
    expect([bad.code, bad.err]).toEqual([
      1,
      'capstan scripting: timeout must be a whole number of at least 1, got "soon".\n',
    ])
  })
})
