import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { pino } from 'pino'
import { createMcpHttpAdapter } from '../../src/adapters/mcp/mcp-http-adapter.js'
import { loadCapabilities } from '../../src/model/load-capabilities.js'
import type { Capability, McpExpose } from '../../src/model/types.js'
import { toSecretValues } from '../../src/runtime/resolve-secrets.js'
import { fetchTransport, runtimeDeps, startTestHost, type TestHost } from './mcp-test-kit.js'

const SEEDS = fileURLToPath(new URL('../../examples/seeds/', import.meta.url))
const FAKE_SECRET = 'fake-secret-0123456789'

interface Recorded {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  body: string
}

let upstream: Server
let upstreamBase: string
const recorded: Recorded[] = []
let capabilities: Capability[] = []

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      recorded.push({
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://upstream'),
        headers: req.headers,
        body,
      })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamBase = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  // First pass learns the upstream namespaces; the second points each of them at the recorder.
  const first = await loadCapabilities([SEEDS])
  const namespaces = first.capabilities.flatMap((c) => c.upstreams.map((u) => u.namespace))
  const loaded = await loadCapabilities([SEEDS], {
    upstreams: new Map(namespaces.map((n) => [n, upstreamBase])),
  })
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  capabilities = loaded.capabilities
})

afterAll(async () => {
  await new Promise<void>((resolve) => upstream.close(() => resolve()))
})

/** A value of the schema's type that is easy to find again in the upstream request. */
function sample(name: string, schema: Record<string, unknown>): unknown {
  switch (schema.type) {
    case 'integer':
      return 7
    case 'number':
      return 1.5
    case 'boolean':
      return true
    case 'array':
      return [`item-${name}`]
    case 'object':
      return { marker: `obj-${name}` }
    default:
      return `val-${name}`
  }
}

describe('every MCP tool of every seed', () => {
  it('loads at least one MCP tool', () => {
    const tools = capabilities.flatMap((c) =>
      c.exposes.filter((e): e is McpExpose => e.type === 'mcp').flatMap((e) => e.tools),
    )
    expect(tools.length).toBeGreaterThan(10)
  })

  it('lists each tool and sends the upstream request its plan describes', async () => {
    for (const capability of capabilities) {
      const exposes = capability.exposes.filter((e): e is McpExpose => e.type === 'mcp')
      if (exposes.length === 0) continue
      const secrets = toSecretValues(
        capability.binds,
        new Map(capability.binds.map((b) => [b.variable, FAKE_SECRET])),
      )
      const deps = {
        runtime: { ...runtimeDeps(), secrets, transport: fetchTransport() },
        logger: pino({ level: 'silent' }),
        clock: () => Date.now(),
      }
      const host: TestHost = await startTestHost(
        createMcpHttpAdapter(exposes, deps, {
          maxBodyBytes: 1 << 20,
          allowedHosts: [],
          allowedOrigins: [],
        }),
      )
      const client = new Client({ name: 'seeds', version: '1.0.0' })
      try {
        await client.connect(new StreamableHTTPClientTransport(new URL(`${host.base}/mcp`)))
        const { tools } = await client.listTools()
        expect(tools.map((t) => t.name)).toEqual(exposes.flatMap((e) => e.tools.map((t) => t.name)))
        for (const listed of tools) {
          const modelTool = exposes.flatMap((e) => e.tools).find((t) => t.name === listed.name)!
          const properties = (listed.inputSchema.properties ?? {}) as Record<
            string,
            Record<string, unknown>
          >
          const args = Object.fromEntries(
            Object.entries(properties).map(([n, s]) => [n, sample(n, s)]),
          )
          recorded.length = 0
          const result = await client.callTool({ name: listed.name, arguments: args })
          const where = `${capability.file} tool ${listed.name}`
          expect(result.isError, `${where}: ${JSON.stringify(result.content)}`).toBe(false)
          expect(JSON.stringify(result)).not.toContain(FAKE_SECRET)
          expect(recorded, where).toHaveLength(1)
          const request = recorded[0]!
          const plan = modelTool.plan
          if (plan.kind !== 'call') throw new Error(`${where}: expected a call plan`)
          expect(request.method, where).toBe(plan.target.method)
          const expectedPath = plan.target.path
            .map((part) =>
              part.kind === 'literal' ? part.text : encodeURIComponent(String(args[part.name])),
            )
            .join('')
          expect(request.url.pathname, where).toBe(expectedPath)
          expect(JSON.stringify(request.headers), `${where}: credentials from the bind`).toContain(
            FAKE_SECRET,
          )
          if (typeof args.body === 'object') expect(request.body, where).toContain('obj-body')
        }
      } finally {
        await client.close()
        await host.close()
      }
    }
  })
})
