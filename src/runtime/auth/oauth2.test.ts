import { describe, it, expect, afterAll, beforeAll, beforeEach } from 'vitest'
import { oauth2Auth } from './oauth2.js'
import { authContext, callWith } from './test-kit.js'
import { createUndiciTransport } from '../transport/create-undici-transport.js'
import { startTestServer, requestText, type TestServer } from '../transport/test-server.js'
import { EngineError } from '../../errors.js'

const SECRET = 's3cr3t/+='
let server: TestServer
const transport = createUndiciTransport()
let now = 1_000_000
let issued: string[] = []
let tokenForms: URLSearchParams[] = []
let tokenAuth: (string | undefined)[] = []
let revoked = new Set<string>()
let tokenStatus = 200

beforeAll(async () => {
  server = await startTestServer(async (req, res) => {
    if (req.url === '/token') {
      const form = new URLSearchParams(await requestText(req))
      tokenForms.push(form)
      tokenAuth.push(req.headers['authorization'])
      if (tokenStatus !== 200) {
        res
          .writeHead(tokenStatus, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_client', error_description: `bad ${SECRET}` }))
        return
      }
      const token = `tok-${issued.length + 1}`
      issued.push(token)
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }))
      return
    }
    const token = (req.headers['authorization'] ?? '').replace(/^Bearer /, '')
    const valid = issued.includes(token) && !revoked.has(token)
    res.writeHead(valid ? 200 : 401).end(valid ? `hello ${token}` : 'expired')
  })
})
afterAll(async () => {
  await transport.close()
  await server.close()
})
beforeEach(() => {
  issued = []
  tokenForms = []
  tokenAuth = []
  revoked = new Set()
  tokenStatus = 200
})

function context(options: Record<string, unknown> = {}, state = new Map<string, unknown>()) {
  return authContext(
    transport,
    { clientId: 'shop-client', clientSecret: SECRET, tokenUrl: `${server.origin}/token` },
    { options, state, clock: () => now },
  )
}

describe('oauth2 client credentials against a token endpoint and a resource', () => {
  it('fetches a token with basic client authentication and caches it', async () => {
    const ctx = context({
      scopes: ['read:items', 'write:items'],
      audience: 'https://api.example.com',
    })
    expect((await callWith(oauth2Auth, ctx, `${server.origin}/items`)).text).toBe('hello tok-1')
    expect((await callWith(oauth2Auth, ctx, `${server.origin}/items`)).text).toBe('hello tok-1')
    expect(issued).toEqual(['tok-1'])
    expect(Object.fromEntries(tokenForms[0]!)).toEqual({
      grant_type: 'client_credentials',
      scope: 'read:items write:items',
      audience: 'https://api.example.com',
    })
    expect(tokenAuth[0]).toBe(
      `Basic ${Buffer.from(`shop-client:${encodeURIComponent(SECRET)}`).toString('base64')}`,
    )
  })

  it('sends client credentials in the body when asked', async () => {
    await callWith(oauth2Auth, context({ clientAuthentication: 'body' }), `${server.origin}/items`)
    expect(tokenAuth[0]).toBeUndefined()
    expect(tokenForms[0]?.get('client_secret')).toBe(SECRET)
  })

  it('refreshes the token 30 s before expires_in', async () => {
    const ctx = context()
    await callWith(oauth2Auth, ctx, `${server.origin}/items`)
    now += 3_569_000
    await callWith(oauth2Auth, ctx, `${server.origin}/items`)
    expect(issued).toEqual(['tok-1'])
    now += 2_000
    expect((await callWith(oauth2Auth, ctx, `${server.origin}/items`)).text).toBe('hello tok-2')
  })

  it('refreshes exactly once when the resource answers 401', async () => {
    const ctx = context()
    await callWith(oauth2Auth, ctx, `${server.origin}/items`)
    revoked.add('tok-1')
    const result = await callWith(oauth2Auth, ctx, `${server.origin}/items`)
    expect(result).toMatchObject({ status: 200, text: 'hello tok-2' })
    expect(issued).toEqual(['tok-1', 'tok-2'])
  })

  it('still refreshes only once when the new token is refused too', async () => {
    const ctx = context()
    await callWith(oauth2Auth, ctx, `${server.origin}/items`)
    revoked.add('tok-1').add('tok-2')
    expect((await callWith(oauth2Auth, ctx, `${server.origin}/items`)).status).toBe(401)
    expect(issued).toEqual(['tok-1', 'tok-2'])
  })

  it('shares one token request between concurrent calls', async () => {
    const ctx = context()
    const results = await Promise.all(
      [1, 2, 3].map(() => callWith(oauth2Auth, ctx, `${server.origin}/items`)),
    )
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    expect(issued).toEqual(['tok-1'])
  })

  it('reports a token endpoint failure as UPSTREAM_AUTH without the secret', async () => {
    tokenStatus = 401
    const error = await callWith(oauth2Auth, context(), `${server.origin}/items`).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(EngineError)
    expect((error as EngineError).code).toBe('UPSTREAM_AUTH')
    expect((error as EngineError).message).toBe(
      `Token endpoint ${server.origin}/token for upstream shop answered HTTP 401 (invalid_client)`,
    )
    expect((error as EngineError).message).not.toContain(SECRET)
  })

  it('refuses a plain-http token URL that is not loopback', async () => {
    const ctx = authContext(transport, {
      clientId: 'a',
      clientSecret: 'b',
      tokenUrl: 'http://id.example.com/token',
    })
    const request = { method: 'GET', url: new URL('http://h/'), headers: {}, body: undefined }
    await expect(oauth2Auth.apply(request, ctx)).rejects.toThrow(/must use https/)
  })
})
