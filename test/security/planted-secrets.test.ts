/**
 * Planted-secret scan: a representative end-to-end flow (every seed REST operation, every MCP
 * tool, successes and failures, refused credentials) with recognisable fake keys; the keys must
 * appear in no log line, response header or body, MCP result, metric or trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_SEEDS, mcpRpc, mcpSession, serve, type Served } from './harness.js'
import { raw } from './raw-request.js'

const PLANTED = {
  QOVERY_API_KEY: 'planted-QOVERY-9f8e7d6c5b4a',
  SCALEWAY_API_KEY: 'planted-SCW-1a2b3c4d5e6f',
  INBOUND_TOKEN: 'planted-INBOUND-77aa88bb99',
}
const AUTH = { authorization: `Bearer ${PLANTED.INBOUND_TOKEN}` }

let s: Served
const seen: string[] = []
const record = (label: string, status: number, headers: unknown, body: string) =>
  seen.push(`${label} ${status} ${JSON.stringify(headers)} ${body}`)

beforeAll(async () => {
  s = await serve({
    seeds: ALL_SEEDS,
    auth: { type: 'bearer', token: '{{env.INBOUND_TOKEN}}' },
    env: PLANTED,
    engine: { controlPort: 0 },
  })
  // A careless upstream: failures echo every header it received, credentials included.
  s.upstream.respond = (r) =>
    r.method === 'DELETE' || r.url.includes('fail')
      ? { status: 500, body: { message: 'boom', echo: r.headers } }
      : {
          status: r.method === 'POST' ? 201 : 200,
          body: { id: 'obj-1', name: 'n', headers_seen: Object.keys(r.headers) },
        }
}, 30_000)
afterAll(() => s?.close())

describe('planted secrets', () => {
  it('the flow runs: every REST operation and every MCP tool, with and without credentials', async () => {
    for (const cap of s.engine.capabilities) {
      for (const expose of cap.exposes) {
        if (expose.type !== 'rest') continue
        for (const op of expose.operations) {
          const path = op.path.replace(/\{[^}]+\}/g, 'id-1')
          const body = ['POST', 'PUT', 'PATCH'].includes(op.method)
            ? '{"name":"n","value":"v"}'
            : undefined
          const ok = await raw(s.rest, op.method, path, AUTH, body)
          record(`REST ${op.method} ${path}`, ok.status, ok.headers, ok.body)
          const failing = await raw(s.rest, op.method, path.replace('id-1', 'fail-1'), AUTH, body)
          record(`REST fail ${op.method} ${path}`, failing.status, failing.headers, failing.body)
        }
        const refused = await raw(
          s.rest,
          'GET',
          expose.operations[0]!.path.replace(/\{[^}]+\}/g, 'x'),
          { authorization: `Bearer ${PLANTED.INBOUND_TOKEN.slice(0, -1)}` },
        )
        record('REST refused', refused.status, refused.headers, refused.body)
      }
    }
    const sid = await mcpSession(s.mcp, AUTH)
    const list = await mcpRpc(s.mcp, sid, 'tools/list', {}, AUTH)
    record('MCP tools/list', list.status, Object.fromEntries(list.headers), list.text)
    const tools = list.message!.result!.tools as {
      name: string
      inputSchema: { properties?: Record<string, { type?: string }>; required?: string[] }
    }[]
    for (const tool of tools) {
      for (const id of ['id-1', 'fail-1']) {
        const args: Record<string, unknown> = {}
        for (const name of tool.inputSchema.required ?? []) {
          const type = tool.inputSchema.properties?.[name]?.type
          args[name] =
            type === 'integer' || type === 'number'
              ? 1
              : type === 'boolean'
                ? true
                : type === 'object'
                  ? {}
                  : type === 'array'
                    ? []
                    : id
        }
        const out = await mcpRpc(
          s.mcp,
          sid,
          'tools/call',
          { name: tool.name, arguments: args },
          AUTH,
        )
        record(`MCP ${tool.name} ${id}`, out.status, Object.fromEntries(out.headers), out.text)
      }
    }
    const refused = await mcpRpc(
      s.mcp,
      sid,
      'tools/list',
      {},
      { authorization: 'Bearer planted-INBOUND-wrong' },
    )
    record('MCP refused', refused.status, Object.fromEntries(refused.headers), refused.text)
    // Sanity: the keys really were used, so their absence below means something.
    expect(s.upstream.calls.length).toBeGreaterThan(tools.length)
    const sent = JSON.stringify(s.upstream.calls.map((c) => c.headers))
    expect(sent).toContain(PLANTED.QOVERY_API_KEY)
    expect(sent).toContain(PLANTED.SCALEWAY_API_KEY)
    expect(seen.some((l) => l.startsWith('REST fail') && /\b500\b/.test(l))).toBe(true)
  })

  it('control surface output (/metrics, /traces, /status) holds no planted value', async () => {
    const control = s.engine.host.listeners.find((l) =>
      l.surfaces.some((x) => x.type === 'control'),
    )
    expect(control).toBeDefined()
    for (const path of ['/metrics', '/traces', '/status', '/health/ready']) {
      const res = await raw(control!.url, 'GET', path, AUTH)
      record(`control ${path}`, res.status, res.headers, res.body)
    }
  })

  it.each(Object.entries(PLANTED))(
    '%s appears in no response, result, metric, trace or log line',
    async (_name, value) => {
      s.engine.logger.flush?.()
      const leaks = [...seen, ...s.logs.lines].filter((line) => line.includes(value))
      expect(leaks.map((l) => l.slice(0, 300))).toEqual([])
      expect(s.logs.lines.length).toBeGreaterThan(20)
    },
  )
})
