/**
 * Hand-built model objects and a loopback host for MCP adapter tests (no loader needed).
 */
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { pino } from 'pino'
import type { AdapterDeps, HttpAdapter, RequestContext } from '../../src/adapters/adapter.js'
import type {
  Input,
  McpExpose,
  McpPrompt,
  McpResource,
  McpTool,
  MockPlan,
  Plan,
  ToolHints,
} from '../../src/model/types.js'
import type { RuntimeDeps } from '../../src/runtime/types.js'
import { streamBody } from '../../src/runtime/transport/stream-body.js'
import type { InvokeFn } from '../../src/adapters/mcp/invoke-fn.js'
import {
  createMcpHttpAdapter,
  type McpHttpAdapterOptions,
} from '../../src/adapters/mcp/mcp-http-adapter.js'

export function input(name: string, type: Input['type'], extra: Partial<Input> = {}): Input {
  return { name, type, location: 'query', required: false, inferred: false, ...extra }
}

export function mockPlan(inputs: readonly Input[], schema?: Record<string, unknown>): MockPlan {
  return {
    kind: 'mock',
    label: 'test mock',
    inputs,
    withEntries: [],
    output: { passthrough: false, schema, shape: (document) => document },
  }
}

export function tool(
  name: string,
  plan: Plan,
  extra: { title?: string; description?: string; hints?: ToolHints } = {},
): McpTool {
  return {
    name,
    description: extra.description ?? `Tool ${name}`,
    hints: extra.hints ?? {},
    plan,
    pointer: `/capability/exposes/0/tools/${name}`,
    ...(extra.title === undefined ? {} : { title: extra.title }),
  }
}

export function expose(
  namespace: string,
  tools: readonly McpTool[],
  extra: {
    resources?: readonly McpResource[]
    prompts?: readonly McpPrompt[]
    description?: string
  } = {},
): McpExpose {
  return {
    type: 'mcp',
    namespace,
    transport: 'http',
    port: 0,
    address: '127.0.0.1',
    authentication: undefined,
    tools,
    resources: extra.resources ?? [],
    prompts: extra.prompts ?? [],
    ...(extra.description === undefined ? {} : { description: extra.description }),
  }
}

export function runtimeDeps(secrets: Record<string, string> = {}): RuntimeDeps {
  return {
    transport: {
      send: () => Promise.reject(new Error('no transport in this test')),
      close: () => Promise.resolve(),
    },
    secrets: { values: new Map(Object.entries(secrets)), context: { ...secrets } },
    clock: () => Date.now(),
    authState: new Map(),
    decoders: new WeakMap(),
    decoderOptions: {},
  }
}

export function adapterDeps(
  secrets: Record<string, string> = {},
  clock: () => number = () => Date.now(),
): AdapterDeps {
  return { runtime: runtimeDeps(secrets), logger: pino({ level: 'silent' }), clock }
}

export interface TestHost {
  readonly base: string
  readonly contexts: RequestContext[]
  close(): Promise<void>
}

/** A minimal stand-in for the host: one port, one adapter, 404 for paths it does not take. */
export async function startTestHost(adapter: HttpAdapter): Promise<TestHost> {
  const contexts: RequestContext[] = []
  const server: Server = createServer((req, res) => {
    const ctx: RequestContext = {
      id: randomUUID(),
      startedAt: Date.now(),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      fields: {},
    }
    contexts.push(ctx)
    if (!adapter.handle(req, res, ctx)) {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    contexts,
    async close() {
      await adapter.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * MCP adapters over the given exposes on test hosts: `start` returns the `/mcp` URL of a new one,
 * `closeAll` (for afterEach) closes every one started.
 */
export function mcpAdapterHosts(
  exposes: readonly McpExpose[],
  invoke: InvokeFn,
): {
  start(options?: Partial<McpHttpAdapterOptions>): Promise<string>
  closeAll(): Promise<void>
} {
  const hosts: TestHost[] = []
  return {
    async start(options = {}) {
      const adapter = createMcpHttpAdapter(exposes, adapterDeps(), {
        maxBodyBytes: 64 * 1024,
        allowedOrigins: [],
        allowedHosts: [],
        invoke,
        ...options,
      })
      const host = await startTestHost(adapter)
      hosts.push(host)
      return `${host.base}/mcp`
    },
    async closeAll() {
      await Promise.all(hosts.splice(0).map((h) => h.close()))
    },
  }
}

export const JSON_ACCEPT = {
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
}

export const INIT_BODY = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  },
}

/** Opens a legacy session with a raw initialize and returns its Mcp-Session-Id. */
export async function initializeSession(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: JSON_ACCEPT,
    body: JSON.stringify(INIT_BODY),
  })
  await res.text()
  const id = res.headers.get('mcp-session-id')
  if (res.status !== 200 || id === null) throw new Error(`initialize failed: HTTP ${res.status}`)
  return id
}

export async function rawToolsList(url: string, sessionId: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { ...JSON_ACCEPT, 'mcp-protocol-version': '2025-11-25' }
  if (sessionId !== undefined) headers['mcp-session-id'] = sessionId
  return fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  })
}

/** A plain fetch transport for tests until a shared runtime transport is wired in. */
export function fetchTransport(): RuntimeDeps['transport'] {
  return {
    async send(request, signal) {
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        redirect: 'manual',
      }
      if (request.body !== undefined) init.body = request.body as BodyInit
      if (signal !== undefined) init.signal = signal
      const res = await fetch(request.url, init)
      const headers: Record<string, string> = {}
      res.headers.forEach((v, k) => {
        headers[k] = v
      })
      const body = res.body === null ? Readable.from([]) : Readable.fromWeb(res.body as never)
      return { status: res.status, headers, body: streamBody(body) }
    },
    close: () => Promise.resolve(),
  }
}
