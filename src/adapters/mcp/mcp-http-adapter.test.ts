import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { EngineError, InputError, UpstreamError } from '../../errors.js'
import type { InvokeResult } from '../../runtime/types.js'
import type { InvokeFn } from './invoke-fn.js'
import { createMcpHttpAdapter, type McpHttpAdapterOptions } from './mcp-http-adapter.js'
import {
  adapterDeps,
  expose,
  initializeSession,
  input,
  JSON_ACCEPT,
  INIT_BODY,
  mockPlan,
  rawToolsList,
  startTestHost,
  tool,
  type TestHost,
} from '../../../test/mcp-conformance/mcp-test-kit.js'
import type { McpExpose, Plan } from '../../model/types.js'

const BASE_OPTIONS: McpHttpAdapterOptions = {
  maxBodyBytes: 64 * 1024,
  allowedOrigins: [],
  allowedHosts: [],
}

const listPlan = mockPlan([
  input('containerId', 'string', { required: true, description: 'Container id', location: 'path' }),
  input('page_size', 'integer', { description: 'Page size' }),
  input('tags', 'array', { schema: { type: 'string' } }),
  input('region', 'string', { fixed: 'fr-par' }),
])
const shipPlan = mockPlan([input('imo', 'string', { required: true, description: 'IMO' })], {
  type: 'object',
  properties: { imo: { type: 'string' } },
})

const exposes: McpExpose[] = [
  expose('scw', [
    tool('list-secrets', listPlan, {
      title: 'List secrets',
      hints: { readOnly: true, openWorld: false },
    }),
    tool('fail', mockPlan([])),
  ]),
  expose('ships', [tool('get-ship', shipPlan)]),
]

interface Call {
  plan: Plan
  values: Record<string, unknown>
  traceparent: string | undefined
}

let host: TestHost | undefined
afterEach(async () => {
  await host?.close()
  host = undefined
})

async function start(
  respond: (plan: Plan, values: Record<string, unknown>) => Promise<InvokeResult>,
  options: Partial<McpHttpAdapterOptions> = {},
  clock?: () => number,
) {
  const calls: Call[] = []
  const invoke: InvokeFn = (plan, values, _deps, opts) => {
    calls.push({ plan, values, traceparent: opts?.traceparent })
    return respond(plan, values)
  }
  const adapter = createMcpHttpAdapter(
    exposes,
    adapterDeps({ SCW_SECRET_KEY: 'super-secret-value' }, clock),
    {
      ...BASE_OPTIONS,
      invoke,
      ...options,
    },
  )
  host = await startTestHost(adapter)
  return { calls, url: new URL(`${host.base}/mcp`), host }
}

const echo = (_plan: Plan, values: Record<string, unknown>): Promise<InvokeResult> =>
  Promise.resolve({ kind: 'value', status: 200, value: { echoed: values }, headers: {} })

async function connect(url: URL, mode: 'legacy' | 'auto'): Promise<Client> {
  const client = new Client({ name: 'test', version: '1.0.0' }, { versionNegotiation: { mode } })
  await client.connect(new StreamableHTTPClientTransport(url))
  return client
}

describe('MCP HTTP adapter with the SDK client', () => {
  for (const mode of ['legacy', 'auto'] as const) {
    it(`lists and calls tools (${mode === 'legacy' ? '2025-11-25' : '2026-07-28'})`, async () => {
      const { url, calls, host: h } = await start(echo)
      const client = await connect(url, mode)
      expect(client.getNegotiatedProtocolVersion()).toBe(
        mode === 'legacy' ? '2025-11-25' : '2026-07-28',
      )
      const { tools } = await client.listTools()
      expect(tools.map((t) => t.name)).toEqual(['list-secrets', 'fail', 'get-ship'])
      const result = await client.callTool({
        name: 'list-secrets',
        arguments: { containerId: 'c1', page_size: 5 },
      })
      expect(result.isError ?? false).toBe(false)
      expect(result.structuredContent).toEqual({ echoed: { containerId: 'c1', page_size: 5 } })
      expect(result.content).toEqual([
        { type: 'text', text: '{"echoed":{"containerId":"c1","page_size":5}}' },
      ])
      expect(calls[0]?.values).toEqual({ containerId: 'c1', page_size: 5 })
      expect(calls[0]?.traceparent).toMatch(/^00-/)
      expect(h.contexts.some((c) => c.fields.tool === 'list-secrets')).toBe(true)
      await client.close()
    })
  }

  it('describes each tool so the input schema alone tells which arguments to send', async () => {
    const { url } = await start(echo)
    const client = await connect(url, 'legacy')
    const { tools } = await client.listTools()
    expect(tools[0]).toEqual({
      name: 'list-secrets',
      title: 'List secrets',
      description: 'Tool list-secrets',
      inputSchema: {
        type: 'object',
        properties: {
          containerId: { type: 'string', description: 'Container id' },
          page_size: { type: 'integer', description: 'Page size' },
          tags: { type: 'array', items: { type: 'string' } },
        },
        required: ['containerId'],
        additionalProperties: false,
      },
      annotations: { title: 'List secrets', readOnlyHint: true, openWorldHint: false },
    })
    expect(tools[2]?.outputSchema).toEqual({
      type: 'object',
      properties: { imo: { type: 'string' } },
    })
    await client.close()
  })

  it('answers invalid arguments with an isError result naming the argument and the rule', async () => {
    const { url, calls } = await start(echo)
    const client = await connect(url, 'auto')
    const missing = await client.callTool({ name: 'list-secrets', arguments: {} })
    expect(missing).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'Argument `containerId` is required' }],
    })
    const wrongType = await client.callTool({
      name: 'list-secrets',
      arguments: { containerId: 'c', page_size: 'ten' },
    })
    expect(wrongType.content).toEqual([
      { type: 'text', text: 'Argument `page_size` must be integer' },
    ])
    const extra = await client.callTool({
      name: 'list-secrets',
      arguments: { containerId: 'c', region: 'x' },
    })
    expect(extra.content).toEqual([
      { type: 'text', text: 'Argument `region` is not accepted by this tool' },
    ])
    expect(calls).toHaveLength(0)
    await client.close()
  })

  it('rejects an unknown tool with JSON-RPC -32602', async () => {
    const { url } = await start(echo)
    const client = await connect(url, 'legacy')
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    })
    await client.close()
  })

  it('maps upstream and engine failures to isError results without leaking secrets', async () => {
    const failures: unknown[] = [
      new UpstreamError(
        404,
        'scw.get',
        new TextEncoder().encode('{"message":"no \u0007such super-secret-value"}'),
        'application/json',
      ),
      new EngineError('UPSTREAM_TIMEOUT', 'No answer from scw.get after 30000 ms'),
      new InputError('must match ^[a-z]+$', 'containerId'),
      new Error('bug with a stack'),
    ]
    const { url, host: h } = await start(() => Promise.reject(failures.shift()))
    const client = await connect(url, 'legacy')
    const texts: string[] = []
    for (let i = 0; i < 4; i++) {
      const r = await client.callTool({ name: 'fail', arguments: {} })
      expect(r.isError).toBe(true)
      texts.push((r.content as { text: string }[])[0]?.text ?? '')
    }
    expect(texts[0]).toBe('Upstream returned HTTP 404: {"message":"no such [REDACTED]"}')
    expect(texts[1]).toBe(
      'The upstream did not answer in time. No answer from scw.get after 30000 ms',
    )
    expect(texts[2]).toBe('Argument `containerId` is invalid: must match ^[a-z]+$')
    expect(texts[3]).toMatch(/^Internal error while running tool fail \(request [0-9a-f-]+\)$/)
    expect(texts.join(' ')).not.toContain('super-secret-value')
    expect(h.contexts.some((c) => c.fields.upstreamStatus === 404)).toBe(true)
    await client.close()
  })

  it('serves one namespace alone on /mcp/<namespace> and leaves other paths to the host', async () => {
    const { host: h } = await start(echo)
    const client = await connect(new URL(`${h.base}/mcp/ships`), 'auto')
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['get-ship'])
    await client.close()
    expect((await fetch(`${h.base}/mcp/unknown`, { method: 'POST' })).status).toBe(404)
    expect((await fetch(`${h.base}/other`)).status).toBe(404)
  })
})

describe('MCP HTTP security and sessions', () => {
  it('refuses a forged Origin or a foreign Host with 403 and accepts loopback', async () => {
    const { url } = await start(echo)
    const body = JSON.stringify(INIT_BODY)
    const forged = await fetch(url, {
      method: 'POST',
      headers: { ...JSON_ACCEPT, origin: 'http://evil.example.com' },
      body,
    })
    expect(forged.status).toBe(403)
    // fetch cannot forge Host, so this one goes through node:http.
    expect(await postWithHost(url, 'evil.example.com', body)).toBe(403)
    expect(await postWithHost(url, `localhost:${url.port}`, body)).toBe(200)
    const local = await fetch(url, {
      method: 'POST',
      headers: { ...JSON_ACCEPT, origin: 'http://localhost:5173' },
      body,
    })
    expect(local.status).toBe(200)
  })

  it('accepts an allow-listed origin', async () => {
    const { url } = await start(echo, { allowedOrigins: ['https://app.example.com'] })
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...JSON_ACCEPT, origin: 'https://app.example.com' },
      body: JSON.stringify(INIT_BODY),
    })
    expect(res.status).toBe(200)
  })

  it('answers 404 for an unknown session and 400 without a session id', async () => {
    const { url } = await start(echo)
    expect((await rawToolsList(url.href, 'no-such-session')).status).toBe(404)
    expect((await rawToolsList(url.href, undefined)).status).toBe(400)
    const id = await initializeSession(url.href)
    expect((await rawToolsList(url.href, id)).status).toBe(200)
  })

  it('evicts the least recently used session when the cap is reached', async () => {
    const { url } = await start(echo, { maxSessions: 2 })
    const first = await initializeSession(url.href)
    const second = await initializeSession(url.href)
    expect((await rawToolsList(url.href, first)).status).toBe(200)
    await initializeSession(url.href)
    expect((await rawToolsList(url.href, second)).status).toBe(404)
    expect((await rawToolsList(url.href, first)).status).toBe(200)
  })

  for (const fastToolCalls of [true, false])
    it(`under a flood of initializes from one address, evicts that address's sessions, not another's (${fastToolCalls ? 'hot path' : 'SDK path'})`, async () => {
      const { url } = await start(echo, { maxSessions: 3, fastToolCalls })
      // loopback answers on all of 127/8: a second client address without leaving the machine
      const other = await initializeFrom(url, '127.0.0.2')
      const flood: string[] = []
      for (let i = 0; i < 8; i++) flood.push(await initializeFrom(url, '127.0.0.1'))
      expect((await rawToolsList(url.href, other)).status).toBe(200)
      expect((await rawToolsList(url.href, flood[0])).status).toBe(404)
      expect((await rawToolsList(url.href, flood[7])).status).toBe(200)
    })

  it('expires idle sessions', async () => {
    let now = 1_000_000
    const { url } = await start(echo, { sessionIdleMs: 60_000 }, () => now)
    const id = await initializeSession(url.href)
    now += 30_000
    expect((await rawToolsList(url.href, id)).status).toBe(200)
    now += 59_000
    expect((await rawToolsList(url.href, id)).status).toBe(200)
    now += 60_000
    expect((await rawToolsList(url.href, id)).status).toBe(404)
  })

  it('refuses a body over the limit with 413', async () => {
    const { url } = await start(echo, { maxBodyBytes: 1024 })
    const big = JSON.stringify({
      ...INIT_BODY,
      params: { ...INIT_BODY.params, pad: 'x'.repeat(4096) },
    })
    expect((await fetch(url, { method: 'POST', headers: JSON_ACCEPT, body: big })).status).toBe(413)
  })
})

function postWithHost(url: URL, hostHeader: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...JSON_ACCEPT, host: hostHeader } },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A raw initialize sent from `localAddress`; returns the Mcp-Session-Id. */
function initializeFrom(url: URL, localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: JSON_ACCEPT, localAddress, agent: false },
      (res) => {
        res.resume()
        const id = res.headers['mcp-session-id']
        if (res.statusCode !== 200 || typeof id !== 'string')
          reject(new Error(`initialize failed: HTTP ${res.statusCode}`))
        else resolve(id)
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(INIT_BODY))
  })
}
