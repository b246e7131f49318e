/** One test per attack on a real engine (127.0.0.1, ephemeral ports) and the refusal it must get. */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mcpRpc, mcpSession, serve, type Served } from './harness.js'
import { raw } from './raw-request.js'

const ORG = '/v1/organization/o-1/apitoken'

describe('requests that must never reach the upstream', () => {
  let s: Served
  beforeAll(async () => {
    s = await serve({
      engine: { maxBodyBytes: 4096, headersTimeoutMs: 300, requestTimeoutMs: 1000 },
    })
  })
  afterAll(() => s.close())

  it.each(['..', '%2e%2e', '%2E%2E', '..%2f..%2fadmin', '%2f', 'a%2fb', 'a%5cb', '%5c..%5c'])(
    'path parameter %s: refused (400) with no upstream call',
    async (id) => {
      const before = s.upstream.calls.length
      const res = await raw(s.rest, 'DELETE', `${ORG}/${id}`)
      expect(res.status).toBe(400)
      expect(s.upstream.calls.length).toBe(before)
    },
  )

  it('path traversal through an MCP tool argument is a tool error with no upstream call', async () => {
    const sid = await mcpSession(s.mcp)
    const before = s.upstream.calls.length
    for (const id of ['../../admin', '..', 'a/b', 'a\\b']) {
      const out = await mcpRpc(s.mcp, sid, 'tools/call', {
        name: 'delete-organization-api-token',
        arguments: { organizationId: 'o-1', apiTokenId: id },
      })
      expect(out.message?.result?.isError).toBe(true)
    }
    expect(s.upstream.calls.length).toBe(before)
  })

  it('CRLF in a query value cannot add an upstream header', async () => {
    const res = await raw(s.rest, 'GET', `${ORG}?name=a%0d%0aX-Injected:%201`)
    expect(res.status).toBeLessThan(500)
    for (const c of s.upstream.calls) expect(c.headers['x-injected']).toBeUndefined()
  })

  it('a body over the limit gets 413 and no upstream call', async () => {
    const before = s.upstream.calls.length
    const res = await raw(s.rest, 'POST', ORG, {}, JSON.stringify({ name: 'x'.repeat(10_000) }))
    expect(res.status).toBe(413)
    expect(s.upstream.calls.length).toBe(before)
  })

  it('deeply nested JSON gets 400 and no upstream call', async () => {
    const before = s.upstream.calls.length
    const res = await raw(s.rest, 'POST', ORG, {}, '['.repeat(1000) + ']'.repeat(1000))
    expect(res.status).toBe(400)
    expect(s.upstream.calls.length).toBe(before)
  })

  it('slow headers: the connection is closed after headersTimeout', async () => {
    const url = new URL(s.rest)
    const closed = await new Promise<{ ms: number; data: string }>((resolve) => {
      const started = Date.now()
      let data = ''
      const socket = connect(Number(url.port), url.hostname, () =>
        socket.write('GET /v1/organization/o-1/apitoken HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '),
      )
      socket.on('data', (d) => (data += String(d)))
      socket.on('close', () => resolve({ ms: Date.now() - started, data }))
      socket.on('error', () => undefined)
      setTimeout(() => socket.destroy(), 5_000).unref()
    })
    expect(closed.ms).toBeLessThan(4_000)
    // Node answers 408, or the host's clientError handler 400; either way the socket is gone.
    expect(closed.data === '' || /^HTTP\/1\.1 40[08]/.test(closed.data)).toBe(true)
  })

  it('malformed JSON-RPC gets a JSON-RPC parse or invalid-request error, not a crash', async () => {
    const garbage = await raw(
      s.mcp,
      'POST',
      '/mcp',
      { accept: 'application/json, text/event-stream' },
      '{"jsonrpc": "2.0", "id": 1, "method": ',
    )
    expect(garbage.status).toBeGreaterThanOrEqual(400)
    expect(garbage.status).toBeLessThan(500)
    expect(JSON.parse(garbage.body).error.code).toBe(-32700)
    const notRpc = await raw(
      s.mcp,
      'POST',
      '/mcp',
      { accept: 'application/json, text/event-stream' },
      '{"hello": "world"}',
    )
    expect(notRpc.status).toBeGreaterThanOrEqual(400)
    expect(notRpc.status).toBeLessThan(500)
  })

  it('an unknown MCP session id gets 404', async () => {
    const out = await mcpRpc(s.mcp, 'not-a-session-0000', 'tools/list', {})
    expect(out.status).toBe(404)
  })

  it.each([
    ['REST', 'rest', ORG],
    ['MCP', 'mcp', '/mcp'],
  ] as const)(
    '%s: forged Host or Origin gets 403 and no upstream call',
    async (_name, surface, path) => {
      const base = surface === 'rest' ? s.rest : s.mcp
      const before = s.upstream.calls.length
      const init = { accept: 'application/json, text/event-stream' }
      const body = surface === 'mcp' ? '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' : undefined
      const method = surface === 'mcp' ? 'POST' : 'GET'
      expect(
        (await raw(base, method, path, { ...init, host: 'evil.example:80' }, body)).status,
      ).toBe(403)
      expect(
        (await raw(base, method, path, { ...init, origin: 'http://evil.example' }, body)).status,
      ).toBe(403)
      expect(
        (await raw(base, method, path, { ...init, origin: 'http://127.0.0.1:3000' }, body)).status,
      ).not.toBe(403)
      expect(s.upstream.calls.length).toBe(before + (surface === 'rest' ? 1 : 0))
    },
  )

  it('never forwards inbound Authorization, Cookie, Mcp-*, X-Forwarded-* or Forwarded upstream', async () => {
    const hostile = {
      authorization: 'Bearer client-token-zz',
      cookie: 'session=client-cookie-zz',
      'mcp-session-id': 'm-zz',
      'x-forwarded-for': '10.0.0.1',
      'x-forwarded-host': 'evil',
      forwarded: 'for=10.0.0.1',
      'proxy-authorization': 'Basic zz',
    }
    const res = await raw(s.rest, 'GET', ORG, hostile)
    expect(res.status).toBe(200)
    const sid = await mcpSession(s.mcp)
    const out = await mcpRpc(
      s.mcp,
      sid,
      'tools/call',
      { name: 'list-organization-api-tokens', arguments: { organizationId: 'o-1' } },
      { cookie: 'session=client-cookie-zz', 'x-forwarded-for': '10.0.0.1' },
    )
    expect(out.message?.result?.isError).toBe(false)
    for (const c of s.upstream.calls.slice(-2)) {
      expect(c.headers.authorization).toBe('Bearer test-qovery')
      for (const name of [
        'cookie',
        'x-forwarded-for',
        'x-forwarded-host',
        'forwarded',
        'proxy-authorization',
        'mcp-session-id',
      ])
        expect(c.headers[name]).toBeUndefined()
      expect(JSON.stringify(c)).not.toContain('zz')
    }
  })
})

describe('rate limits and concurrency', () => {
  let s: Served
  beforeAll(async () => {
    s = await serve({ engine: { security: { rateLimit: { perSecond: 1, burst: 2 } } } })
  })
  afterAll(() => s.close())

  it('REST: 429 with Retry-After once a client exceeds its budget, before any upstream call', async () => {
    const statuses: number[] = []
    let retryAfter: string | undefined
    for (let i = 0; i < 4; i++) {
      const res = await raw(s.rest, 'GET', ORG)
      statuses.push(res.status)
      if (res.status === 429) retryAfter = String(res.headers['retry-after'])
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200])
    expect(statuses.slice(2)).toEqual([429, 429])
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    expect(s.upstream.calls.length).toBe(2)
  })

  it('MCP: a tool error that says when to retry', async () => {
    const sid = await mcpSession(s.mcp)
    const texts: string[] = []
    for (let i = 0; i < 4; i++) {
      const out = await mcpRpc(s.mcp, sid, 'tools/call', {
        name: 'list-organization-api-tokens',
        arguments: { organizationId: 'o-1' },
      })
      const result = out.message?.result as { isError: boolean; content: { text: string }[] }
      if (result.isError) texts.push(result.content[0]!.text)
    }
    expect(texts.length).toBeGreaterThan(0)
    expect(texts[0]).toMatch(/retry after \d+ s/)
  })
})

describe('binding beyond loopback', () => {
  it('is refused without inbound authentication, naming the exposes and the way out', async () => {
    const error = await serve({ engine: { host: '0.0.0.0' } }).then(
      async (s) => {
        await s.close()
        return undefined
      },
      (e: Error) => e,
    )
    expect(error?.message).toMatch(
      /Refusing to listen on 0\.0\.0\.0 without inbound authentication.*rest expose.*--allow-unauthenticated/s,
    )
  })
  it('is allowed with authentication on every expose', async () => {
    const s = await serve({
      auth: { type: 'bearer', token: '{{env.INBOUND_TOKEN}}' },
      engine: { host: '0.0.0.0' },
    })
    try {
      const port = new URL(s.rest).port
      expect((await raw(`http://127.0.0.1:${port}`, 'GET', ORG)).status).toBe(401)
    } finally {
      await s.close()
    }
  })
  it('is allowed with --allow-unauthenticated, with a warning in the log', async () => {
    const s = await serve({ engine: { host: '0.0.0.0', security: { allowUnauthenticated: true } } })
    try {
      expect(s.logs.lines.join('')).toMatch(/WITHOUT inbound authentication/)
    } finally {
      await s.close()
    }
  })
})
