/**
 * The security wrapper must claim every request target an adapter would serve, however the path is
 * spelled (trailing or doubled slashes, dot segments, sub-paths, query strings, absolute form):
 * otherwise the spelling skips the Host/Origin allow-lists and inbound authentication.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { raw } from './raw-request.js'
import { INITIALIZE, MCP_HEADERS, serve, type Served } from './harness.js'

const FORGED = { host: 'evil.example:80' }
const BEARER = { type: 'bearer', token: '{{env.INBOUND_TOKEN}}' }
const TOKEN = { authorization: 'Bearer inbound-token-1' }
const LIST = '/v1/organization/o-1/apitoken'
const NS = 'qovery-organization-api-token-mcp'

/** Spellings of control paths the control adapter answers (checked below with a loopback Host). */
const CONTROL_VARIANTS = [
  '/metrics/',
  '/metrics//',
  '/metrics/?name=x',
  '/health/ready/',
  '/health/live/',
  '/status/',
  '/traces/',
  '/health/../metrics',
  '//evil.example/metrics',
  'http://evil.example/metrics',
]

let lone: Served
let declared: Served
const controlOf = (s: Served) =>
  s.engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'control'))!.url
let traceId: string

beforeAll(async () => {
  lone = await serve({ engine: { controlPort: 0, allowedHosts: ['capstan.internal'] } })
  declared = await serve({
    auth: BEARER,
    control: { authentication: BEARER },
    engine: { controlPort: 0 },
  })
  // The declared expose shares nothing with the REST/MCP listeners; the harness seed declares none.
  expect(declared.engine.host.listeners.some((l) => l.controls.length === 1)).toBe(true)
  expect(
    lone.engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'control'))!.controls,
  ).toEqual([])
  // One REST call leaves a trace to fetch by id.
  expect((await raw(lone.rest, 'GET', LIST)).status).toBe(200)
  const list = JSON.parse((await raw(controlOf(lone), 'GET', '/traces')).body) as {
    traces: { traceId: string }[]
  }
  traceId = list.traces[0]!.traceId
  expect(traceId).toMatch(/^[0-9a-f]{32}$/)
})

afterAll(async () => {
  await lone?.close()
  await declared?.close()
})

describe.each([
  ['--control-port listener', () => controlOf(lone), {}],
  ['declared control expose', () => controlOf(declared), TOKEN],
])('%s', (_name, url, credentials: Record<string, string>) => {
  it.each(CONTROL_VARIANTS)('serves %s to an allowed request', async (path) => {
    const res = await raw(url(), 'GET', path, credentials)
    expect(res.status).toBe(200)
  })

  it.each([...CONTROL_VARIANTS, '/traces/<id>', '/traces/<id>/', '/traces/unknown'])(
    'refuses a forged Host on %s with 403',
    async (path) => {
      const res = await raw(url(), 'GET', path.replace('<id>', traceId), {
        ...credentials,
        ...FORGED,
      })
      expect(res.status).toBe(403)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(res.body).not.toContain('capstan_')
      expect(res.body).not.toContain(traceId)
    },
  )

  it('refuses a forged Origin on /metrics/ with 403', async () => {
    const res = await raw(url(), 'GET', '/metrics/', {
      ...credentials,
      origin: 'http://evil.example',
    })
    expect(res.status).toBe(403)
  })
})

describe('trace by id', () => {
  it('is served to a loopback Host on the --control-port listener', async () => {
    const res = await raw(controlOf(lone), 'GET', `/traces/${traceId}`)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ traceId })
  })

  it('needs the control expose credentials when the expose declares authentication', async () => {
    for (const path of ['/traces/', `/traces/${'0'.repeat(32)}`, '/metrics/', '/status/']) {
      const res = await raw(controlOf(declared), 'GET', path)
      expect(res.status, path).toBe(401)
      expect(res.body).not.toContain('capstan_')
    }
  })
})

describe('declared control expose authentication', () => {
  it.each(CONTROL_VARIANTS)('refuses %s without credentials', async (path) => {
    const res = await raw(controlOf(declared), 'GET', path)
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /)
  })
})

describe('REST surface', () => {
  const variants = [
    `${LIST}/`,
    `/${LIST}`,
    `${LIST}?name=x`,
    '/v1/organization/o-1/%61pitoken',
    '/openapi.json',
    '/openapi.json/',
    `http://evil.example${LIST}`,
  ]

  it.each(variants)('refuses a forged Host on %s with 403 and no upstream call', async (path) => {
    for (const s of [lone, declared]) {
      const before = s.upstream.calls.length
      const res = await raw(s.rest, 'GET', path, { ...TOKEN, ...FORGED })
      expect(res.status).toBe(403)
      expect(s.upstream.calls.length).toBe(before)
    }
  })

  it.each(variants)('refuses %s without credentials when the expose needs them', async (path) => {
    const before = declared.upstream.calls.length
    const res = await raw(declared.rest, 'GET', path)
    expect(res.status).toBe(401)
    expect(declared.upstream.calls.length).toBe(before)
  })
})

describe('MCP surface', () => {
  const served = ['/mcp', '/mcp/', '/mcp?x=1', `/mcp/${NS}`, `/mcp/${NS}/`, `/mcp/${NS}?x=1`]
  const post = (s: Served, path: string, headers: Record<string, string>) =>
    raw(new URL(s.mcp).origin, 'POST', path, { ...MCP_HEADERS, ...headers }, INITIALIZE)

  it.each(served)('serves initialize on %s to an allowed request', async (path) => {
    expect((await post(lone, path, {})).status).toBe(200)
    expect((await post(declared, path, TOKEN)).status).toBe(200)
  })

  it.each(served)('refuses a forged Host on %s with 403', async (path) => {
    for (const [s, creds] of [
      [lone, {}],
      [declared, TOKEN],
    ] as const) {
      const res = await post(s, path, { ...creds, ...FORGED })
      expect(res.status).toBe(403)
    }
  })

  it.each(served)('refuses %s without credentials when the expose needs them', async (path) => {
    const res = await post(declared, path, {})
    expect(res.status).toBe(401)
  })

  it.each(['//mcp', '/%6Dcp', '/mcp//', `/mcp/${NS}//`, '/mcp/unknown', `http://evil.example/mcp`])(
    'never answers initialize on %s to a forged Host',
    async (path) => {
      for (const [s, creds] of [
        [lone, {}],
        [declared, TOKEN],
      ] as const) {
        const res = await post(s, path, { ...creds, ...FORGED })
        expect([403, 404]).toContain(res.status)
        expect(res.body).not.toContain('"result"')
        expect(res.headers['mcp-session-id']).toBeUndefined()
      }
    },
  )
})
