/**
 * The `observability` block of a control expose configures telemetry: the OTLP endpoint (OTEL_*
 * variables still win), the sampling of new traces, and whether /metrics and /traces are served.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import { collectLogs } from '../support/collect-logs.js'
import { engineFor } from '../support/engine-for.js'
import { ITEMS_REST, itemsCapability } from '../support/items-capability.js'
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.js'
import { writeCapability } from '../support/write-capability.js'

/** A collector recording the trace ids of every OTLP/HTTP JSON export it receives. */
async function startCollector(): Promise<{ url: string; traceIds: Set<string>; server: Server }> {
  const traceIds = new Set<string>()
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      for (const m of body.matchAll(/"traceId":"([0-9a-f]{32})"/g)) traceIds.add(m[1]!)
      res.end('{}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, traceIds, server }
}

const capability = (observability: string, management = '') =>
  itemsCapability(
    'Observed',
    `${ITEMS_REST}    - type: control
      port: 9091
${management}      observability:
${observability}`,
  )

let upstream: RecordingUpstream
const engines: Engine[] = []
const collectors: Server[] = []
beforeAll(async () => {
  upstream = await startRecordingUpstream(() => ({ body: [{ id: 1 }] }))
})
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()))
  await Promise.all(collectors.map((c) => new Promise((r) => c.close(r))))
  await upstream.close()
})

async function serve(observability: string, env: Record<string, string> = {}, management = '') {
  const engine = await engineFor(capability(observability, management), {
    env,
    restPort: 0,
    controlPort: 0,
    upstreams: new Map([['up', upstream.url]]),
    logDestination: collectLogs().stream,
  })
  engines.push(engine)
  const url = (type: string) =>
    engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === type))!.url
  return { engine, rest: url('rest'), control: url('control') }
}

/** An engine watching `file` (reloaded by the test through engine.reload). */
async function watched(file: string, dir: string): Promise<Engine> {
  const engine = await startEngine({
    paths: [file],
    cwd: dir,
    env: {},
    watch: true,
    restPort: 0,
    controlPort: 0,
    upstreams: new Map([['up', upstream.url]]),
    logDestination: collectLogs().stream,
  })
  engines.push(engine)
  return engine
}

async function collector() {
  const c = await startCollector()
  collectors.push(c.server)
  return c
}

/** Waits up to 5 s (the exporter sends every second) for a trace id to reach a collector. */
async function reaches(traceIds: Set<string>, traceId: string): Promise<boolean> {
  const deadline = Date.now() + 5000
  while (!traceIds.has(traceId) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50))
  return traceIds.has(traceId)
}

/** A CLI command's io, collecting what it prints. */
function cliIo() {
  const err: string[] = []
  const io = {
    stdout: () => {},
    stderr: (t: string) => void err.push(t),
    cwd: process.cwd(),
    env: {},
    onSignal: () => () => {},
  }
  return { err, io }
}

const traceOf = (traceparent: string | string[] | undefined) => String(traceparent).slice(3, 35)

describe('observability block', () => {
  it('exports traces to exporters.otlp.endpoint without any OTEL_* variable', async () => {
    const c = await collector()
    const s = await serve(`        exporters:\n          otlp: {endpoint: '${c.url}'}\n`)
    expect((await fetch(`${s.rest}/items`)).status).toBe(200)
    const traceId = traceOf(upstream.requests.at(-1)!.headers.traceparent)
    expect(await reaches(c.traceIds, traceId)).toBe(true)
  })

  it('lets OTEL_EXPORTER_OTLP_ENDPOINT override the endpoint of the file', async () => {
    const file = await collector()
    const env = await collector()
    const s = await serve(`        exporters:\n          otlp: {endpoint: '${file.url}'}\n`, {
      OTEL_EXPORTER_OTLP_ENDPOINT: env.url,
    })
    await (await fetch(`${s.rest}/items`)).arrayBuffer()
    const traceId = traceOf(upstream.requests.at(-1)!.headers.traceparent)
    expect(await reaches(env.traceIds, traceId)).toBe(true)
    expect(file.traceIds.has(traceId)).toBe(false)
  })

  it('with sampling 0, starts unsampled traces: flag 00 upstream, nothing kept or sent; a sampled caller is followed', async () => {
    const c = await collector()
    const s = await serve(
      `        traces: {sampling: 0}\n        exporters:\n          otlp: {endpoint: '${c.url}'}\n`,
    )
    await (await fetch(`${s.rest}/items`)).arrayBuffer()
    const sent = String(upstream.requests.at(-1)!.headers.traceparent)
    expect(sent).toMatch(/-00$/)
    const caller = `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01`
    await (await fetch(`${s.rest}/items`, { headers: { traceparent: caller } })).arrayBuffer()
    expect(String(upstream.requests.at(-1)!.headers.traceparent)).toMatch(/-01$/)
    expect(await reaches(c.traceIds, 'ab'.repeat(16))).toBe(true)
    expect(c.traceIds.has(traceOf(sent))).toBe(false)
    const local = (await (await fetch(`${s.control}/traces`)).json()) as {
      traces: { traceId: string }[]
    }
    expect(local.traces.map((t) => t.traceId)).toEqual(['ab'.repeat(16)])
  })

  it('turns /metrics and /traces off when the file says so', async () => {
    const s = await serve(
      `        metrics: {local: {enabled: false}}\n        traces: {local: {enabled: false}}\n`,
    )
    for (const path of ['/metrics', '/traces']) {
      const res = await fetch(`${s.control}${path}`)
      expect(res.status, path).toBe(404)
      expect(((await res.json()) as { error: string }).error).toContain('observability settings')
    }
    expect((await fetch(`${s.control}/health/ready`)).status).toBe(200)
    const { metricsCommand } = await import('../../src/cli/commands/metrics.js')
    const cli = cliIo()
    expect(await metricsCommand(['--port', new URL(s.control).port], cli.io)).toBe(1)
    expect(cli.err.join('')).toBe(
      "capstan metrics: /metrics is turned off by the capability's observability settings.\n",
    )
  })

  it('with enabled: false, keeps, serves and sends no telemetry', async () => {
    const c = await collector()
    const s = await serve(
      `        enabled: false\n        exporters:\n          otlp: {endpoint: '${c.url}'}\n`,
    )
    await (await fetch(`${s.rest}/items`)).arrayBuffer()
    for (const path of ['/metrics', '/traces'])
      expect((await fetch(`${s.control}${path}`)).status).toBe(404)
    await new Promise((r) => setTimeout(r, 1500))
    expect(c.traceIds.size).toBe(0)
  })

  it('honours management.health and management.info set to false, and serves the rest', async () => {
    const s = await serve(
      '        enabled: true\n',
      {},
      '      management: {health: false, info: false}\n',
    )
    for (const path of ['/health/live', '/health/ready', '/status']) {
      const res = await fetch(`${s.control}${path}`)
      expect(res.status, path).toBe(404)
      expect(((await res.json()) as { error: string }).error).toContain('management')
    }
    expect((await fetch(`${s.control}/metrics`)).status).toBe(200)
    const { statusCommand } = await import('../../src/cli/commands/status.js')
    const cli = cliIo()
    expect(await statusCommand(['--port', new URL(s.control).port], cli.io)).toBe(1)
    expect(cli.err.join('')).toBe(
      "capstan status: /status is turned off by the capability's management settings.\n",
    )
  })

  it('applies an edited management block on a --watch reload', async () => {
    const { dir, file } = writeCapability(
      capability('        enabled: true\n', '      management: {health: false, info: false}\n'),
    )
    const engine = await watched(file, dir)
    const control = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'control'))!
    expect((await fetch(`${control.url}/status`)).status).toBe(404)
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('{health: false, info: false}', '{info: false}'),
    )
    expect((await engine.reload!()).kind).toBe('reloaded')
    expect((await fetch(`${control.url}/health/live`)).status).toBe(200)
    expect((await fetch(`${control.url}/status`)).status).toBe(404)
  })

  it('applies an edited observability block on a --watch reload: local views, sampling, exporter, buffer size', async () => {
    const c = await collector()
    const { dir, file } = writeCapability(
      capability(
        '        traces: {sampling: 0, local: {buffer-size: 50}}\n        metrics: {local: {enabled: false}}\n',
      ),
    )
    const engine = await watched(file, dir)
    const url = (type: string) =>
      engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === type))!.url
    const [rest, control] = [url('rest'), url('control')]
    const traced = async (headers: Record<string, string> = {}) => {
      await (await fetch(`${rest}/items`, { headers })).arrayBuffer()
      return String(upstream.requests.at(-1)!.headers.traceparent)
    }
    expect(await traced()).toMatch(/-00$/)
    expect((await fetch(`${control}/metrics`)).status).toBe(404)
    // kept before the reload: callers' sampled traces (followed whatever the ratio)
    const callers = ['a1', 'a2', 'a3'].map((b) => b.repeat(16))
    for (const id of callers) await traced({ traceparent: `00-${id}-${'cd'.repeat(8)}-01` })
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '        traces: {sampling: 0, local: {buffer-size: 50}}\n        metrics: {local: {enabled: false}}\n',
        `        traces: {sampling: 1, local: {buffer-size: 10}}\n        exporters:\n          otlp: {endpoint: '${c.url}'}\n`,
      ),
    )
    expect((await engine.reload!()).kind).toBe('reloaded')
    expect((await fetch(`${control}/metrics`)).status).toBe(200)
    const sent: string[] = []
    for (let i = 0; i < 9; i++) sent.push(await traced())
    expect(sent.every((t) => t.endsWith('-01'))).toBe(true)
    expect(await reaches(c.traceIds, traceOf(sent[8]))).toBe(true)
    const kept = (await (await fetch(`${control}/traces`)).json()) as {
      traces: { traceId: string }[]
      bufferSize: number
    }
    // the smaller buffer keeps the newest: the nine new traces, then the last one from before
    expect(kept.bufferSize).toBe(10)
    expect(kept.traces.map((t) => t.traceId)).toEqual([...sent.map(traceOf).reverse(), callers[2]])
    const status = (await (await fetch(`${control}/status`)).json()) as {
      otel: { exporting: boolean }
    }
    expect(status.otel.exporting).toBe(true)
  })

  it('warns that B3 propagation is not read, where it is written', async () => {
    const s = await serve(`        traces: {propagation: b3}\n`)
    const warning = s.engine.diagnostics.find((d) => d.code === 'UNSUPPORTED_FEATURE')!
    expect(warning.pointer).toBe('/capability/exposes/1/observability/traces/propagation')
    expect(warning.severity).toBe('warning')
  })
})
