/** Every inbound authentication kind on REST and MCP: missing, wrong, expired and valid credentials. */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAuthParams } from '../../src/adapters/inbound-auth/digest.js'
import { mcpRpc, mcpSession, serve, type Served } from './harness.js'

const LIST = '/v1/organization/o-1/apitoken'
const b64 = (s: string) => Buffer.from(s).toString('base64')

interface Kind {
  readonly name: string
  readonly auth: Record<string, unknown>
  readonly valid: Record<string, string>
  readonly wrong: Record<string, string>
  readonly challenge: RegExp
  readonly path?: string
}

const KINDS: Kind[] = [
  {
    name: 'bearer',
    auth: { type: 'bearer', token: '{{env.INBOUND_TOKEN}}' },
    valid: { authorization: 'Bearer inbound-token-1' },
    wrong: { authorization: 'Bearer inbound-token-2' },
    challenge: /^Bearer realm="capstan"/,
  },
  {
    name: 'apikey header',
    auth: { type: 'apikey', key: 'X-Api-Key', value: '{{env.INBOUND_TOKEN}}', placement: 'header' },
    valid: { 'x-api-key': 'inbound-token-1' },
    wrong: { 'x-api-key': 'nope' },
    challenge: /^ApiKey /,
  },
  {
    name: 'basic',
    auth: { type: 'basic', username: '{{env.INBOUND_USER}}', password: '{{env.INBOUND_PASS}}' },
    valid: { authorization: `Basic ${b64('ann:pw-123')}` },
    wrong: { authorization: `Basic ${b64('ann:pw-124')}` },
    challenge: /^Basic realm="capstan"/,
  },
]

describe.each(KINDS)('$name', (kind) => {
  let s: Served
  beforeAll(async () => {
    s = await serve({ auth: kind.auth })
  })
  afterAll(() => s.close())

  it('REST: 401 problem+json with WWW-Authenticate when missing or wrong, and no upstream call', async () => {
    for (const headers of [{}, kind.wrong]) {
      const res = await fetch(s.rest + LIST, { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.headers.get('www-authenticate')).toMatch(kind.challenge)
      expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    }
    expect(s.upstream.calls).toHaveLength(0)
  })
  it('REST: the valid credential reaches the upstream, which never sees it', async () => {
    const res = await fetch(s.rest + LIST, { headers: kind.valid })
    expect(res.status).toBe(200)
    const call = s.upstream.calls.at(-1)!
    expect(call.headers.authorization).toBe('Bearer test-qovery')
    expect(JSON.stringify(call.headers)).not.toMatch(/inbound-token-1|pw-123/)
  })
  it('MCP: 401 without JSON-RPC when missing or wrong; a session with the valid credential', async () => {
    for (const headers of [{}, kind.wrong]) {
      const res = await fetch(s.mcp, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
      })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(kind.challenge)
      const body = await res.json()
      expect(body.jsonrpc).toBeUndefined()
      expect(body.error).toBe('invalid_token')
    }
    const sid = await mcpSession(s.mcp, kind.valid)
    const list = await mcpRpc(s.mcp, sid, 'tools/list', {}, kind.valid)
    expect((list.message?.result?.tools as unknown[]).length).toBeGreaterThan(0)
    // The session id alone is not authentication.
    expect((await mcpRpc(s.mcp, sid, 'tools/list', {})).status).toBe(401)
  })
})

describe('apikey in the query', () => {
  it('accepts ?api_key= and refuses without it', async () => {
    const s = await serve({
      auth: { type: 'apikey', key: 'api_key', value: '{{env.INBOUND_TOKEN}}', placement: 'query' },
    })
    try {
      expect((await fetch(`${s.rest}${LIST}?api_key=nope`)).status).toBe(401)
      expect((await fetch(`${s.rest}${LIST}?api_key=inbound-token-1`)).status).toBe(200)
      expect(s.upstream.calls.at(-1)!.url).not.toContain('inbound-token-1')
    } finally {
      await s.close()
    }
  })
})

describe('digest', () => {
  let s: Served
  beforeAll(async () => {
    s = await serve({
      auth: {
        type: 'digest',
        username: '{{env.INBOUND_USER}}',
        password: '{{env.INBOUND_PASS}}',
        nonceTtlMs: 300,
      },
    })
  })
  afterAll(() => s.close())
  const H = (x: string) => createHash('sha256').update(x).digest('hex')
  const answer = (challenge: string, password: string) => {
    const p = parseAuthParams(challenge.replace(/^Digest /, '').split(', Digest ')[0]!)
    const ha1 = H(`ann:${p.realm}:${password}`)
    const response = H(`${ha1}:${p.nonce}:00000001:c1:auth:${H(`GET:${LIST}`)}`)
    return `Digest username="ann", realm="${p.realm}", nonce="${p.nonce}", uri="${LIST}", qop=auth, nc=00000001, cnonce="c1", response="${response}", algorithm=SHA-256`
  }
  it('challenges, refuses a wrong password, accepts the right one, and marks an old nonce stale', async () => {
    const first = await fetch(s.rest + LIST)
    expect(first.status).toBe(401)
    const challenge = first.headers.get('www-authenticate')!
    expect(challenge).toMatch(/^Digest realm="capstan", qop="auth", algorithm=SHA-256/)
    expect(
      (await fetch(s.rest + LIST, { headers: { authorization: answer(challenge, 'wrong') } }))
        .status,
    ).toBe(401)
    expect(
      (await fetch(s.rest + LIST, { headers: { authorization: answer(challenge, 'pw-123') } }))
        .status,
    ).toBe(200)
    await new Promise((r) => setTimeout(r, 400))
    const stale = await fetch(s.rest + LIST, {
      headers: { authorization: answer(challenge, 'pw-123') },
    })
    expect(stale.status).toBe(401)
    expect(stale.headers.get('www-authenticate')).toContain('stale=true')
  })
})

describe('oauth2 resource server', () => {
  let s: Served
  let as: Server
  let asUrl: string
  let sign: (claims: Record<string, unknown>, expSeconds?: number, aud?: string) => Promise<string>
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256')
    const jwk = { ...(await exportJWK(publicKey)), kid: 'as-1', alg: 'ES256' }
    as = createServer((req, res) => {
      const base = `http://127.0.0.1:${(as.address() as AddressInfo).port}`
      if (req.url === '/.well-known/oauth-authorization-server')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ issuer: base, jwks_uri: `${base}/jwks` }))
      if (req.url === '/jwks')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ keys: [jwk] }))
      res.writeHead(404).end()
    })
    await new Promise<void>((r) => as.listen(0, '127.0.0.1', r))
    asUrl = `http://127.0.0.1:${(as.address() as AddressInfo).port}`
    sign = (claims, exp = 300, aud = 'capstan-test') =>
      new SignJWT({ scope: 'secrets:read', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'as-1' })
        .setIssuer(asUrl)
        .setAudience(aud)
        .setSubject('agent')
        .setExpirationTime(Math.floor(Date.now() / 1000) + exp)
        .sign(privateKey)
    s = await serve({
      auth: {
        type: 'oauth2',
        authorizationServerUri: asUrl,
        resource: 'http://capstan.test/mcp',
        audience: 'capstan-test',
        scopes: ['secrets:read'],
      },
    })
  })
  afterAll(async () => {
    await s.close()
    await new Promise((r) => as.close(r))
  })

  it('serves RFC 9728 metadata and points MCP 401 challenges at it', async () => {
    const meta = await fetch(s.mcp.replace(/\/mcp$/, '/.well-known/oauth-protected-resource/mcp'))
    expect(meta.status).toBe(200)
    expect(await meta.json()).toMatchObject({
      authorization_servers: [asUrl],
      scopes_supported: ['secrets:read'],
      bearer_methods_supported: ['header'],
    })
    const res = await fetch(s.mcp, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="capstan", resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/,
    )
  })
  it('refuses expired, wrong-audience and under-scoped tokens; accepts a valid one', async () => {
    const expired = await fetch(s.rest + LIST, {
      headers: { authorization: `Bearer ${await sign({}, -60)}` },
    })
    expect(expired.status).toBe(401)
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(
      (
        await fetch(s.rest + LIST, {
          headers: { authorization: `Bearer ${await sign({}, 300, 'someone-else')}` },
        })
      ).status,
    ).toBe(401)
    const scoped = await fetch(s.rest + LIST, {
      headers: { authorization: `Bearer ${await sign({ scope: 'other' })}` },
    })
    expect(scoped.status).toBe(403)
    expect(scoped.headers.get('www-authenticate')).toContain('error="insufficient_scope"')
    expect(s.upstream.calls).toHaveLength(0)
    expect(
      (await fetch(s.rest + LIST, { headers: { authorization: `Bearer ${await sign({})}` } }))
        .status,
    ).toBe(200)
  })
})

describe('misconfigured inbound authentication fails closed', () => {
  it('an expected token naming an unset variable refuses every request and warns at start-up', async () => {
    const s = await serve({
      auth: { type: 'bearer', token: '{{env.INBOUND_TOKEN}}' },
      env: { INBOUND_TOKEN: '' },
    }).catch((e: Error) => e)
    if (s instanceof Error) {
      // Start-up may refuse outright when the bind is empty: also closed.
      expect(s.message).toMatch(/INBOUND_TOKEN/)
      return
    }
    try {
      expect(
        (await fetch(s.rest + LIST, { headers: { authorization: 'Bearer {{env.INBOUND_TOKEN}}' } }))
          .status,
      ).toBe(401)
      expect((await fetch(s.rest + LIST, { headers: { authorization: 'Bearer ' } })).status).toBe(
        401,
      )
      expect(s.logs.lines.join('')).toMatch(/refuses every request/)
    } finally {
      await s.close()
    }
  })
})
