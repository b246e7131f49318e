/**
 * Security test harness: a seed with chosen inbound authentication, served by a real engine on
 * 127.0.0.1 ephemeral ports against a recording loopback upstream; logs collected at trace.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parse, stringify } from 'yaml'
import { startEngine, type Engine, type EngineOptions } from '../../src/cli/start-engine.js'
import { INIT_BODY, JSON_ACCEPT } from '../mcp-conformance/mcp-test-kit.js'

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

export interface Upstream {
  readonly url: string
  readonly calls: Recorded[]
  respond: (r: Recorded) => { status: number; body: unknown; headers?: Record<string, string> }
  close(): Promise<void>
}

export async function startUpstream(): Promise<Upstream> {
  const calls: Recorded[] = []
  const up: Upstream = {
    url: '',
    calls,
    respond: (r) => ({
      status: r.method === 'POST' ? 201 : 200,
      body: { id: 'obj-1', name: 'n', path: r.url },
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const rec = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      calls.push(rec)
      const out = up.respond(rec)
      const text = typeof out.body === 'string' ? out.body : JSON.stringify(out.body)
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers })
      res.end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  ;(up as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return up
}

export interface Logs {
  readonly lines: string[]
  readonly stream: Writable
}

export function collectLogs(): Logs {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk))
      cb()
    },
  })
  return { lines, stream }
}

export const SEED = 'examples/seeds/qovery-organization-api-token.yaml'
export const ALL_SEEDS = [
  'qovery-container-secret',
  'qovery-job-secret',
  'qovery-organization-api-token',
  'scaleway-secret-manager-secrets',
].map((s) => `examples/seeds/${s}.yaml`)

export interface Served {
  readonly engine: Engine
  readonly rest: string
  readonly mcp: string
  readonly upstream: Upstream
  readonly logs: Logs
  close(): Promise<void>
}

/** Serves `seed` with `auth` added to its REST and MCP exposes (a copy in a temp dir). */
export async function serve(
  options: {
    auth?: Record<string, unknown>
    mcpAuth?: Record<string, unknown>
    env?: Record<string, string>
    seeds?: string[]
    /** Adds a control expose (moved to an ephemeral port by `controlPort: 0`) to the first seed. */
    control?: { authentication?: Record<string, unknown> }
    engine?: Partial<EngineOptions>
  } = {},
): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-sec-'))
  const paths = (options.seeds ?? [SEED]).map((seed, i) => {
    const doc = parse(readFileSync(seed, 'utf8')) as {
      binds?: { keys: Record<string, string> }[]
      capability: { exposes: Record<string, unknown>[] }
    }
    for (const e of doc.capability.exposes) {
      const auth = e.type === 'mcp' ? (options.mcpAuth ?? options.auth) : options.auth
      if (auth) e.authentication = auth
    }
    if (i === 0 && options.control)
      doc.capability.exposes.push({
        type: 'control',
        namespace: 'ops',
        port: 9191,
        ...options.control,
      })
    if (options.auth || options.mcpAuth || options.control?.authentication) {
      const keys = doc.binds?.[0]?.keys
      if (keys) for (const k of ['INBOUND_TOKEN', 'INBOUND_USER', 'INBOUND_PASS']) keys[k] = k
    }
    const p = join(dir, `cap-${i}.yaml`)
    writeFileSync(p, stringify(doc))
    return p
  })
  const upstream = await startUpstream()
  const logs = collectLogs()
  const env = {
    QOVERY_API_KEY: 'test-qovery',
    SCALEWAY_API_KEY: 'test-scw',
    INBOUND_TOKEN: 'inbound-token-1',
    INBOUND_USER: 'ann',
    INBOUND_PASS: 'pw-123',
    ...options.env,
  }
  let engine: Engine
  try {
    engine = await startEngine({
      paths,
      cwd: process.cwd(),
      env,
      upstreams: new Map([['*', upstream.url]]),
      restPort: 0,
      mcpPort: 0,
      logDestination: logs.stream as never,
      logLevel: 'trace',
      ...options.engine,
    })
  } catch (error) {
    await upstream.close()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const url = (type: string) =>
    engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === type))?.url ?? ''
  return {
    engine,
    rest: url('rest'),
    mcp: `${url('mcp')}/mcp`,
    upstream,
    logs,
    async close() {
      await engine.close()
      await upstream.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const MCP_HEADERS = JSON_ACCEPT

/** A 2025-11-25 `initialize` request body. */
export const INITIALIZE = JSON.stringify(INIT_BODY)

/** Opens a 2025-11-25 session; returns its id (throws on refusal). */
export async function mcpSession(
  url: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...MCP_HEADERS, ...headers },
    body: INITIALIZE,
  })
  await res.text()
  const id = res.headers.get('mcp-session-id')
  if (res.status !== 200 || id === null) throw new Error(`initialize failed: HTTP ${res.status}`)
  await fetch(url, {
    method: 'POST',
    headers: {
      ...MCP_HEADERS,
      ...headers,
      'mcp-session-id': id,
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  }).then((r) => r.text())
  return id
}

/** Sends one JSON-RPC request in a session and returns the HTTP status, headers and parsed message. */
export async function mcpRpc(
  url: string,
  session: string | undefined,
  method: string,
  params: unknown,
  headers: Record<string, string> = {},
): Promise<{
  status: number
  headers: Headers
  text: string
  message:
    { result?: Record<string, unknown>; error?: { code: number; message: string } } | undefined
}> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      ...MCP_HEADERS,
      'mcp-protocol-version': '2025-11-25',
      ...(session ? { 'mcp-session-id': session } : {}),
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method, params }),
  })
  const text = await res.text()
  const json = text.startsWith('{')
    ? text
    : text
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .pop()
  let message
  try {
    message = json ? JSON.parse(json) : undefined
  } catch {
    message = undefined
  }
  return { status: res.status, headers: res.headers, text, message }
}
