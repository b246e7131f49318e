/**
 * Serves examples/conformance/conformance.capability.yaml on 127.0.0.1 with a loopback mock
 * upstream behind it, for the official MCP conformance suite.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { pino } from 'pino'
import { createMcpHttpAdapter } from '../../src/adapters/mcp/mcp-http-adapter.js'
import { loadCapabilities } from '../../src/model/load-capabilities.js'
import type { McpExpose } from '../../src/model/types.js'
import { fetchTransport, runtimeDeps, startTestHost, type TestHost } from './mcp-test-kit.js'

export const CONFORMANCE_CAPABILITY = fileURLToPath(
  new URL('../../examples/conformance/conformance.capability.yaml', import.meta.url),
)

export interface ConformanceServer {
  readonly url: string
  close(): Promise<void>
}

export async function startConformanceServer(): Promise<ConformanceServer> {
  const upstream = await startMockUpstream()
  const loaded = await loadCapabilities([CONFORMANCE_CAPABILITY], {
    upstreams: new Map([['conformance-upstream', upstream.base]]),
  })
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0)
    throw new Error(`conformance capability does not load: ${JSON.stringify(errors)}`)
  const exposes = loaded.capabilities.flatMap((c) =>
    c.exposes.filter((e): e is McpExpose => e.type === 'mcp'),
  )
  const deps = {
    runtime: { ...runtimeDeps(), transport: fetchTransport() },
    logger: pino({ level: 'silent' }),
    clock: () => Date.now(),
  }
  const adapter = createMcpHttpAdapter(exposes, deps, {
    maxBodyBytes: 1024 * 1024,
    allowedHosts: [],
    allowedOrigins: [],
  })
  const host: TestHost = await startTestHost(adapter)
  return {
    url: `${host.base}/mcp`,
    async close() {
      await host.close()
      await upstream.close()
    },
  }
}

/** /error answers 500; /template/<id>/data echoes the id. */
async function startMockUpstream(): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const template = /^\/template\/([^/]+)\/data$/.exec(req.url ?? '')
    if (template !== null) {
      const id = decodeURIComponent(template[1] ?? '')
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id, text: `Data for resource ${id}` }))
      return
    }
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end('{"error":"This tool always fails (conformance fixture)"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
