/**
 * Issue 9: the control port (health, readiness, Prometheus metrics, status, traces) and OTLP/HTTP
 * JSON trace export, against the sandboxed seeds over real HTTP on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import { collectLogs } from '../support/collect-logs.js'

interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] }
    scopeSpans: {
      spans: {
        traceId: string
        spanId: string
        parentSpanId?: string
        name: string
        kind: number
        attributes: { key: string; value: Record<string, unknown> }[]
      }[]
    }[]
  }[]
}

let engine: Engine
let collector: Server
const exported: { body: OtlpBody; headers: Record<string, unknown> }[] = []
let control: string
let rest: string
let mcp: string

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.url === '/v1/traces')
        exported.push({
          body: JSON.parse(Buffer.concat(chunks).toString()) as OtlpBody,
          headers: req.headers,
        })
      res.end('{}')
    })
  })
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r))
  const otlp = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`
  engine = await startEngine({
    paths: ['examples/seeds'],
    cwd: process.cwd(),
    sandbox: true,
    restPort: 0,
    mcpPort: 0,
    controlPort: 0,
    logDestination: collectLogs().stream,
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
      OTEL_SERVICE_NAME: 'capstan-test',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=abc',
    },
  })
  const by = (type: string) =>
    engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === type))!.url
  control = by('control')
  rest = by('rest')
  mcp = `${by('mcp')}/mcp`
})

afterAll(async () => {
  await engine?.close()
  await new Promise((r) => collector?.close(r))
})

describe('control port', () => {
  it('answers liveness and readiness while serving', async () => {
    const live = await fetch(`${control}/health/live`)
    expect(live.status).toBe(200)
    expect(await live.json()).toEqual({ status: 'UP' })
    const ready = await fetch(`${control}/health/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'UP' })
  })

  it('counts REST routes and MCP tools, with upstream latency per consumed operation, and no secret', async () => {
    const ids = engine.sandbox!.demoIds as { qovery: Record<string, string> }
    const traceId = 'ab'.repeat(16)
    const res = await fetch(`${rest}/v1/container/${ids.qovery.containerId}/secret`, {
      headers: { traceparent: `00-${traceId}-${'cd'.repeat(8)}-01` },
    })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    const client = new Client(
      { name: 'ops-test', version: '1.0.0' },
      { versionNegotiation: { mode: 'auto' } },
    )
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp)))
    const { tools } = await client.listTools()
    const tool = tools.find((t) => t.name.includes('list') && t.name.includes('container'))!
    await client.callTool({ name: tool.name, arguments: { containerId: ids.qovery.containerId } })
    await client.close()

    const metrics = await fetch(`${control}/metrics`)
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await metrics.text()
    expect(text).toMatch(
      /naftiko_request_total\{naftiko_adapter_type="rest",naftiko_operation_id="GET \/v1\/container\/\{[^}]+\}\/secret",status="200"\} 1/,
    )
    expect(text).toContain(
      `naftiko_request_total{naftiko_adapter_type="mcp",naftiko_operation_id="${tool.name}",status="200"} 1`,
    )
    expect(text).toMatch(
      /naftiko_request_duration_seconds_bucket\{naftiko_adapter_type="rest",naftiko_operation_id="GET [^"]+",le="\+Inf"\} 1/,
    )
    expect(text).toMatch(
      /naftiko_http_client_total\{[^}]*naftiko_namespace="[^"]+"[^}]*http_response_status_code="200"\} [12]/,
    )
    expect(text).toMatch(/naftiko_http_client_duration_seconds_count\{/)
    expect(text).toMatch(/capstan_in_flight_requests 0/)
    for (const secret of Object.values(engine.sandbox!.credentials))
      expect(text).not.toContain(secret)

    const traces = (await (await fetch(`${control}/traces`)).json()) as {
      traces: { traceId: string; spanCount: number }[]
      bufferSize: number
    }
    expect(traces.bufferSize).toBe(100)
    const mine = traces.traces.find((t) => t.traceId === traceId)!
    expect(mine.spanCount).toBe(2)
    const detail = (await (await fetch(`${control}/traces/${traceId}`)).json()) as {
      spans: {
        kind: string
        parentSpanId?: string
        spanId: string
        attributes: Record<string, unknown>
      }[]
    }
    const server = detail.spans.find((s) => s.kind === 'SERVER')!
    const clientSpan = detail.spans.find((s) => s.kind === 'CLIENT')!
    expect(server.parentSpanId).toBe('cd'.repeat(8))
    expect(clientSpan.parentSpanId).toBe(server.spanId)
    expect(String(clientSpan.attributes['url.full'])).not.toContain('?')
    expect(clientSpan.attributes).toMatchObject({
      'http.request.method': expect.stringMatching(/^[A-Z]+$/),
      'server.address': expect.stringContaining('127.0.0.1'),
      'naftiko.namespace': expect.any(String),
      'naftiko.operation.id': expect.any(String),
      'http.response.status_code': expect.any(Number),
    })
    expect((await fetch(`${control}/traces/${'0'.repeat(32)}`)).status).toBe(404)

    // The exporter flushes in the background at least once a second.
    const deadline = Date.now() + 5000
    while (!exported.some((e) => JSON.stringify(e.body).includes(traceId)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100))
    const batch = exported.find((e) => JSON.stringify(e.body).includes(traceId))!
    expect(batch.headers['x-collector-key']).toBe('abc')
    expect(batch.body.resourceSpans[0]!.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'capstan-test' },
    })
    const spans = batch.body.resourceSpans
      .flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))
      .filter((s) => s.traceId === traceId)
    expect(spans.map((s) => s.kind).sort()).toEqual([2, 3])
    const all = JSON.stringify(exported)
    for (const secret of Object.values(engine.sandbox!.credentials))
      expect(all).not.toContain(secret)
  })

  it('reports the process: CPU time, resident and heap memory, collections by kind', async () => {
    const read = async () => await (await fetch(`${control}/metrics`)).text()
    const value = (text: string, series: string) =>
      Number(new RegExp(`^${series.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1])
    const first = await read()
    expect(first).toContain('# TYPE process_cpu_seconds_total counter')
    expect(value(first, 'process_cpu_seconds_total')).toBeGreaterThan(0)
    expect(value(first, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024)
    expect(value(first, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
    expect(value(first, 'nodejs_array_buffers_bytes')).toBeGreaterThanOrEqual(0)
    // the engine runs in this process: short-lived garbage here makes young collections there
    const minors = () => value(first, 'nodejs_gc_duration_seconds_count{kind="minor"}') || 0
    const before = minors()
    let sink = 0
    await expect
      .poll(
        async () => {
          for (let i = 0; i < 200_000; i++) sink += { i, s: `x${i}` }.s.length
          return value(await read(), 'nodejs_gc_duration_seconds_count{kind="minor"}') || 0
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(before)
    expect(sink).toBeGreaterThan(0)
  })
  it('reports loaded capabilities, spec versions, diagnostics and listeners', async () => {
    const status = (await (await fetch(`${control}/status`)).json()) as {
      state: string
      capabilities: { label: string; specVersion: string }[]
      diagnostics: { errors: number }
      listeners: { url: string }[]
    }
    expect(status.state).toBe('ready')
    expect(status.capabilities.length).toBe(engine.capabilities.length)
    expect(status.capabilities.every((c) => /^1\.0\.0-alpha/.test(c.specVersion))).toBe(true)
    expect(status.diagnostics.errors).toBe(0)
    expect(status.listeners.map((l) => l.url)).toContain(control)
  })

  it('refuses writes with 405', async () => {
    expect((await fetch(`${control}/metrics`, { method: 'POST' })).status).toBe(405)
  })
})

describe('capstan health, status, metrics and traces', () => {
  const io = () => {
    const out: string[] = []
    const err: string[] = []
    return {
      out,
      err,
      io: {
        stdout: (t: string) => void out.push(t),
        stderr: (t: string) => void err.push(t),
        cwd: process.cwd(),
        env: {},
        onSignal: () => () => {},
      },
    }
  }
  const port = () => new URL(control).port

  it('exits 0 when ready and prints status and metrics', async () => {
    const { healthCommand } = await import('../../src/cli/commands/health.js')
    const { statusCommand } = await import('../../src/cli/commands/status.js')
    const { metricsCommand } = await import('../../src/cli/commands/metrics.js')
    const h = io()
    expect(await healthCommand(['--port', port()], h.io)).toBe(0)
    expect(h.out.join('')).toContain('ready (UP)')
    const s = io()
    expect(await statusCommand(['--port', port()], s.io)).toBe(0)
    expect(s.out.join('')).toContain('state: ready')
    const m = io()
    expect(await metricsCommand(['--port', port(), '--address', '127.0.0.1'], m.io)).toBe(0)
    expect(m.out.join('')).toContain('# TYPE naftiko_request_total counter')
  })

  it('lists recent traces and shows one as a tree of spans', async () => {
    const { tracesCommand } = await import('../../src/cli/commands/traces.js')
    // made by the traced REST call above
    const traceId = 'ab'.repeat(16)
    const list = io()
    expect(await tracesCommand(['--port', port(), '--status', 'OK'], list.io)).toBe(0)
    expect(list.out.join('')).toMatch(new RegExp(`^${traceId}  \\S+  OK `, 'm'))
    expect(list.out.join('')).toMatch(/^\d+ shown; \d+ of 100 kept$/m)
    const none = io()
    const filters = ['--status', 'ERROR', '--operation', 'no-such-operation']
    expect(await tracesCommand(['--port', port(), ...filters], none.io)).toBe(0)
    expect(none.out.join('')).toMatch(/^0 shown; \d+ of 100 kept\n$/)
    const one = io()
    expect(await tracesCommand([traceId, `--port=${port()}`], one.io)).toBe(0)
    const lines = one.out.join('').trimEnd().split('\n')
    expect(lines[0]).toMatch(new RegExp(`^${traceId}  OK `))
    // the SERVER span's parent is the remote caller's, so it is the root; the CLIENT span is under it
    expect(lines[1]).toMatch(/^  \S.*  SERVER  /)
    expect(lines[2]).toMatch(/^    \S.*  CLIENT  /)
    const missing = io()
    expect(await tracesCommand(['0'.repeat(32), '--port', port()], missing.io)).toBe(1)
    expect(missing.err.join('')).toContain(`Trace not found: ${'0'.repeat(32)}`)
    expect(await tracesCommand(['not-a-trace', '--port', port()], io().io)).toBe(2)
  })

  it('exits 1 with a clear message when nothing listens', async () => {
    const { healthCommand } = await import('../../src/cli/commands/health.js')
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const free = String((probe.address() as AddressInfo).port)
    await new Promise((r) => probe.close(r))
    const h = io()
    expect(await healthCommand(['--port', free], h.io)).toBe(1)
    expect(h.err.join('')).toMatch(
      /cannot reach the control port at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    )
    expect(await healthCommand(['--port', 'x'], io().io)).toBe(2)
  })
})
