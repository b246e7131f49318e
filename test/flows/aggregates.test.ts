/** Aggregate functions (`capability.aggregates`, `ref`): the upstream fixtures run end to end. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/cli/start-engine.js'
import { startTestServer, type TestServer } from '../../src/runtime/transport/test-server.js'
import { CONFORMANCE_ROOT } from '../conformance/fixture-table.js'
import { collectLogs } from '../support/collect-logs.js'
import { engineFor } from '../support/engine-for.js'

const AGGREGATES = join(
  CONFORMANCE_ROOT,
  'upstream-fixtures/framework/src/test/resources/aggregates',
)

interface Running {
  engine: Engine
  upstream: TestServer
  seen: string[]
  rest: string | undefined
  mcp: Client
}

const running: Running[] = []
afterAll(async () => {
  for (const r of running) {
    await r.mcp.close()
    await r.engine.close()
    await r.upstream.close()
  }
})

/** Serves a fixture against a loopback upstream answering `answer(url)` as JSON. */
async function serve(fixture: string, answer: (url: string) => unknown): Promise<Running> {
  const seen: string[] = []
  const upstream = await startTestServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(answer(req.url ?? '')))
  })
  const engine = await engineFor(readFileSync(join(AGGREGATES, fixture), 'utf8'), {
    env: {},
    upstreams: new Map([['*', upstream.origin]]),
    restPort: 0,
    mcpPort: 0,
    logDestination: collectLogs().stream,
  })
  const url = (type: string) =>
    engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === type))?.url
  const mcp = new Client({ name: 'aggregates-test', version: '1.0.0' })
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${url('mcp')}/mcp`)))
  const r = { engine, upstream, seen, rest: url('rest'), mcp }
  running.push(r)
  expect(engine.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return r
}

describe('aggregate functions', () => {
  it('a mock function answers the same over MCP and REST', async () => {
    const r = await serve('aggregate-shared-mock.yaml', () => ({}))
    const tool = await r.mcp.callTool({ name: 'hello', arguments: { name: 'Ada' } })
    const expected = { message: 'Hello, Ada!', source: 'aggregate-mock' }
    expect(tool.structuredContent).toEqual(expected)
    const res = await fetch(`${r.rest}/hello?name=Ada`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(expected)
    expect(r.seen).toEqual([])
  })

  it('a call function is shared by two tools and two REST operations, names inherited', async () => {
    const r = await serve('aggregate-basic.yaml', () => ({ forecast: 'sunny' }))
    const { tools } = await r.mcp.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual(['get-forecast', 'get-forecast-inherited'])
    for (const name of ['get-forecast', 'get-forecast-inherited']) {
      const tool = await r.mcp.callTool({ name, arguments: { location: 'Paris' } })
      expect(tool.isError).toBeFalsy()
      expect(tool.content).toEqual([{ type: 'text', text: 'sunny' }])
    }
    const res = await fetch(`${r.rest}/forecast/Paris`)
    expect(res.status).toBe(200)
    expect(await res.json()).toBe('sunny')
    // the fixture's consumed operation declares no parameter for the function's \`with: {location}\`:
    // it is not sent (nor by the Java engine), and the author is warned; --upstream '*=origin'
    // keeps the base URI's /v1
    expect(r.seen).toEqual(['GET /v1/forecast', 'GET /v1/forecast', 'GET /v1/forecast'])
    expect(
      r.engine.diagnostics.filter((d) => d.code === 'WITH_UNUSED').map((d) => d.severity),
    ).toContain('warning')
  })

  it('a steps function reads its own inputs through its namespace in a step with', async () => {
    const r = await serve('aggregate-step-with-namespace.yaml', (url) => ({
      voyageId: url.split('/').at(-1),
      ship: 'Endeavour',
    }))
    const tool = await r.mcp.callTool({
      name: 'get-voyage-manifest',
      arguments: { 'voyage-id': 'V-42' },
    })
    expect(tool.isError).toBeFalsy()
    expect(tool.structuredContent).toEqual({ 'voyage-id': 'V-42' })
    expect(r.seen).toEqual(['GET /voyages/V-42'])
  })
})
