import { describe, it, expect, afterAll, beforeAll, beforeEach } from 'vitest'
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { digestAuth } from './digest.js'
import { authContext, callWith } from './test-kit.js'
import { createUndiciTransport } from '../transport/create-undici-transport.js'
import { startTestServer, requestText, type TestServer } from '../transport/test-server.js'

const USER = 'mufasa'
const PASSWORD = 'Circle of Life'
const REALM = 'http-auth@example.org'

/** Issued nonces → highest nc seen; the server checks every response like RFC 7616 §3.4.1. */
const nonces = new Map<string, number>()
let algorithm = 'SHA-256'
let requests = 0
let staleNext = false
let upstream: TestServer
const transport = createUndiciTransport()

function h(data: string): string {
  return createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
    .update(data)
    .digest('hex')
}

function challenge(stale = false): string {
  const nonce = randomBytes(12).toString('base64url')
  nonces.set(nonce, 0)
  return `Digest realm="${REALM}", qop="auth, auth-int", algorithm=${algorithm}, nonce="${nonce}", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"${stale ? ', stale=true' : ''}`
}

function verify(req: IncomingMessage, body: string): boolean {
  const header = req.headers['authorization'] ?? ''
  if (!header.startsWith('Digest ')) return false
  const p: Record<string, string> = {}
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    p[m[1]!] = m[2] ?? m[3] ?? ''
  const seen = nonces.get(p['nonce'] ?? '')
  const nc = parseInt(p['nc'] ?? '0', 16)
  if (
    seen === undefined ||
    nc <= seen ||
    p['uri'] !== req.url ||
    p['username'] !== USER ||
    p['algorithm'] !== algorithm
  )
    return false
  if (p['opaque'] !== 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS') return false
  const ha1 = h(`${USER}:${REALM}:${PASSWORD}`)
  const ha2 =
    p['qop'] === 'auth-int'
      ? h(`${req.method}:${req.url}:${h(body)}`)
      : h(`${req.method}:${req.url}`)
  const expected = h(`${ha1}:${p['nonce']}:${p['nc']}:${p['cnonce']}:${p['qop']}:${ha2}`)
  if (expected !== p['response']) return false
  nonces.set(p['nonce'] ?? '', nc)
  return true
}

beforeAll(async () => {
  upstream = await startTestServer(async (req, res) => {
    requests++
    const body = await requestText(req)
    if (staleNext && req.headers['authorization'] !== undefined) {
      staleNext = false
      res.writeHead(401, { 'www-authenticate': challenge(true) }).end()
      return
    }
    if (!verify(req, body)) {
      res
        .writeHead(401, { 'www-authenticate': `Basic realm="other", ${challenge()}` })
        .end('denied')
      return
    }
    res.end(`ok ${req.method} ${body}`)
  })
})
afterAll(async () => {
  await transport.close()
  await upstream.close()
})
beforeEach(() => {
  requests = 0
  algorithm = 'SHA-256'
})

describe('digest scheme against a verifying upstream', () => {
  it('answers the challenge once, then pre-authorizes later calls with the cached nonce', async () => {
    const ctx = authContext(transport, { username: USER, password: PASSWORD })
    const first = await callWith(digestAuth, ctx, `${upstream.origin}/dir/index.html?x=1`)
    expect(first).toMatchObject({ status: 200, text: 'ok GET ' })
    expect(requests).toBe(2)
    const second = await callWith(digestAuth, ctx, `${upstream.origin}/other`)
    expect(second.status).toBe(200)
    expect(requests).toBe(3)
    expect(second.request.headers['authorization']).toContain('nc=00000002')
  })

  it('re-sends a POST with its body after the challenge', async () => {
    const ctx = authContext(transport, { username: USER, password: PASSWORD })
    const result = await callWith(digestAuth, ctx, `${upstream.origin}/orders`, {
      method: 'POST',
      body: '{"qty":2}',
    })
    expect(result).toMatchObject({ status: 200, text: 'ok POST {"qty":2}' })
    expect(requests).toBe(2)
  })

  it('supports MD5', async () => {
    algorithm = 'MD5'
    const ctx = authContext(transport, { username: USER, password: PASSWORD })
    expect((await callWith(digestAuth, ctx, `${upstream.origin}/md5`)).status).toBe(200)
  })

  it('follows a stale nonce with a fresh one', async () => {
    const ctx = authContext(transport, { username: USER, password: PASSWORD })
    await callWith(digestAuth, ctx, `${upstream.origin}/a`)
    staleNext = true
    requests = 0
    expect((await callWith(digestAuth, ctx, `${upstream.origin}/b`)).status).toBe(200)
    expect(requests).toBe(2)
  })

  it('gives up after one retry with a wrong password and does not retry a known nonce', async () => {
    const ctx = authContext(transport, { username: USER, password: 'wrong' })
    expect((await callWith(digestAuth, ctx, `${upstream.origin}/x`)).status).toBe(401)
    expect(requests).toBe(2)
    const request = {
      method: 'GET',
      url: new URL(`${upstream.origin}/x`),
      headers: {} as Record<string, string>,
      body: undefined,
    }
    await digestAuth.apply(request, ctx)
    const session = [...ctx.state.values()][0] as { nonce: string; realm: string }
    const again = await digestAuth.onUnauthorized!(
      request,
      {
        status: 401,
        headers: {
          'www-authenticate': `Digest realm="${session.realm}", nonce="${session.nonce}", qop="auth"`,
        },
      },
      ctx,
    )
    expect(again).toBe(false)
  })

  it('does not retry a 401 without a Digest challenge', async () => {
    const ctx = authContext(transport, { username: USER, password: PASSWORD })
    const request = { method: 'GET', url: new URL('http://h/'), headers: {}, body: undefined }
    expect(
      await digestAuth.onUnauthorized!(
        request,
        { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="x"' } },
        ctx,
      ),
    ).toBe(false)
  })
})
