import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import { AUTH_SCHEMES } from './index.js'
import { authContext, callWith } from './test-kit.js'
import { createUndiciTransport } from '../transport/create-undici-transport.js'
import { startTestServer, type TestServer } from '../transport/test-server.js'
import { EngineError } from '../../errors.js'

let upstream: TestServer
const transport = createUndiciTransport()

beforeAll(async () => {
  // The upstream answers 200 only when the expected credential arrives, 401 otherwise.
  upstream = await startTestServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const ok =
      (url.pathname === '/bearer' && req.headers['authorization'] === 'Bearer tok-123') ||
      (url.pathname === '/apikey-header' && req.headers['x-api-key'] === 'k&v=1') ||
      (url.pathname === '/apikey-query' && url.searchParams.get('api_key') === 'k&v=1 ü') ||
      (url.pathname === '/basic' &&
        req.headers['authorization'] === `Basic ${Buffer.from('jürgen:pä:ss').toString('base64')}`)
    res.writeHead(ok ? 200 : 401).end(ok ? 'ok' : 'denied')
  })
})
afterAll(async () => {
  await transport.close()
  await upstream.close()
})

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(EngineError)
  return error as EngineError
}

describe('bearer, apikey and basic schemes against a verifying upstream', () => {
  it('bearer sends Authorization: Bearer <token>', async () => {
    const result = await callWith(
      AUTH_SCHEMES['bearer']!,
      authContext(transport, { token: 'tok-123' }),
      `${upstream.origin}/bearer`,
    )
    expect(result.status).toBe(200)
  })

  it('apikey sends a header by default', async () => {
    const ctx = authContext(transport, { key: 'X-Api-Key', value: 'k&v=1' })
    expect(
      (await callWith(AUTH_SCHEMES['apikey']!, ctx, `${upstream.origin}/apikey-header`)).status,
    ).toBe(200)
  })

  it('apikey with placement query URL-encodes key=value', async () => {
    const ctx = authContext(
      transport,
      { key: 'api_key', value: 'k&v=1 ü' },
      { options: { placement: 'query' } },
    )
    const result = await callWith(
      AUTH_SCHEMES['apikey']!,
      ctx,
      `${upstream.origin}/apikey-query?page=2`,
    )
    expect(result.status).toBe(200)
    expect(result.request.url.search).toBe('?page=2&api_key=k%26v%3D1+%C3%BC')
  })

  it('basic sends RFC 7617 UTF-8 credentials', async () => {
    const ctx = authContext(transport, { username: 'jürgen', password: 'pä:ss' })
    expect((await callWith(AUTH_SCHEMES['basic']!, ctx, `${upstream.origin}/basic`)).status).toBe(
      200,
    )
  })

  it('basic without a declared password sends an empty one', async () => {
    const request = { method: 'GET', url: new URL('http://h/'), headers: {}, body: undefined }
    await AUTH_SCHEMES['basic']!.apply(request, authContext(transport, { username: 'sk_live' }))
    expect(request.headers).toEqual({
      authorization: `Basic ${Buffer.from('sk_live:').toString('base64')}`,
    })
  })

  it('replaces an Authorization header set in another case', async () => {
    const request = {
      method: 'GET',
      url: new URL('http://h/'),
      headers: { Authorization: 'old' } as Record<string, string>,
      body: undefined,
    }
    await AUTH_SCHEMES['bearer']!.apply(request, authContext(transport, { token: 'new' }))
    expect(request.headers).toEqual({ authorization: 'Bearer new' })
  })

  it.each([
    ['bearer', { token: '' }, 'token'],
    ['apikey', { key: 'X-Key', value: '' }, 'value'],
    ['basic', { username: '', password: 'p' }, 'username'],
    ['basic', { username: 'u', password: '' }, 'password'],
    ['digest', { username: 'u', password: '' }, 'password'],
    [
      'oauth2',
      { clientId: '', clientSecret: 's', tokenUrl: 'https://id.example.com/token' },
      'clientId',
    ],
  ])(
    '%s refuses an empty %o and names the field, never sending a header',
    async (type, fields, field) => {
      const request = {
        method: 'GET',
        url: new URL('http://h/'),
        headers: {} as Record<string, string>,
        body: undefined,
      }
      const error = await rejection(
        AUTH_SCHEMES[type]!.apply(request, authContext(transport, fields)),
      )
      expect(error.code).toBe('UPSTREAM_AUTH')
      expect(error.message).toContain(`Credential ${field} for upstream shop is empty`)
      expect(request.headers).toEqual({})
    },
  )

  it('refuses a credential holding a line break without echoing it', async () => {
    const request = { method: 'GET', url: new URL('http://h/'), headers: {}, body: undefined }
    const error = await rejection(
      AUTH_SCHEMES['bearer']!.apply(request, authContext(transport, { token: 'abc\r\nX-Evil: 1' })),
    )
    expect(error.message).toContain('line break')
    expect(error.message).not.toContain('abc')
  })

  it('apikey rejects an unknown placement and an invalid header name', async () => {
    const request = { method: 'GET', url: new URL('http://h/'), headers: {}, body: undefined }
    const badPlacement = authContext(
      transport,
      { key: 'k', value: 'v' },
      { options: { placement: 'cookie' } },
    )
    expect((await rejection(AUTH_SCHEMES['apikey']!.apply(request, badPlacement))).message).toMatch(
      /placement .* must be header or query/,
    )
    const badName = authContext(transport, { key: 'bad key', value: 'v' })
    expect((await rejection(AUTH_SCHEMES['apikey']!.apply(request, badName))).message).toMatch(
      /not a valid header name/,
    )
  })
})
