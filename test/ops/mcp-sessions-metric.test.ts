/**
 * Issue 9: /metrics reports open MCP sessions (2025-11-25 era), read live at scrape time, against
 * the sandboxed seeds over real HTTP on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import { collectLogs } from '../support/collect-logs.js'

let engine: Engine
let control: string
let mcp: string
const clients: Client[] = []

beforeAll(async () => {
  engine = await startEngine({
    paths: ['examples/seeds'],
    cwd: process.cwd(),
    sandbox: true,
    restPort: 0,
    mcpPort: 0,
    controlPort: 0,
    logDestination: collectLogs().stream,
    env: {},
  })
  const by = (type: string) =>
    engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === type))!.url
  control = by('control')
  mcp = `${by('mcp')}/mcp`
})

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined)
  await engine?.close()
})

async function sessions(endpoint: string): Promise<number | undefined> {
  const text = await (await fetch(`${control}/metrics`)).text()
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`capstan_mcp_sessions{endpoint="${endpoint}"} `))
  return line === undefined ? undefined : Number(line.split(' ')[1])
}

async function legacyClient(): Promise<{
  client: Client
  transport: StreamableHTTPClientTransport
}> {
  const client = new Client(
    { name: 'metrics-test', version: '1.0.0' },
    { versionNegotiation: { mode: 'legacy' } },
  )
  const transport = new StreamableHTTPClientTransport(new URL(mcp))
  await client.connect(transport)
  clients.push(client)
  return { client, transport }
}

describe('capstan_mcp_sessions', () => {
  it('counts open legacy sessions and drops one when its client ends it', async () => {
    const text = await (await fetch(`${control}/metrics`)).text()
    expect(text).toContain('# TYPE capstan_mcp_sessions gauge')
    expect(await sessions('/mcp')).toBe(0)

    const first = await legacyClient()
    await legacyClient()
    expect(first.transport.sessionId).toBeDefined()
    expect(await sessions('/mcp')).toBe(2)
    // A session id never appears in the metrics.
    expect(await (await fetch(`${control}/metrics`)).text()).not.toContain(
      first.transport.sessionId!,
    )

    await first.transport.terminateSession()
    await first.client.close()
    expect(await sessions('/mcp')).toBe(1)
  })
})
