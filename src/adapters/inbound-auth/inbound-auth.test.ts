import { createHash } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { compileTemplate } from '../../model/compile-template.js'
import type { Authentication } from '../../model/types.js'
import { parseAuthParams } from './digest.js'
import { createInboundAuthenticator } from './index.js'
import type { AuthOutcome, AuthRequest, FetchLike, InboundAuthDeps } from './types.js'

const CONTEXT = { env: { TOKEN: 's3cret-token', USER: 'ann', PASS: 'pa:ss', EMPTY: '' } }
const t = (source: string) => compileTemplate(source).template!
const auth = (
  type: string,
  fields: Record<string, string>,
  options: Record<string, unknown> = {},
): Authentication => ({
  type,
  fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t(v)])),
  options,
})
const noFetch: FetchLike = () => Promise.reject(new Error('no network'))
const deps = (over: Partial<InboundAuthDeps> = {}): InboundAuthDeps => ({
  context: CONTEXT,
  fetch: noFetch,
  now: () => 1_000_000,
  secretKey: Buffer.alloc(32, 7),
  ...over,
})
const req = (
  headers: Record<string, string | undefined> = {},
  target = '/mcp',
  method = 'POST',
): AuthRequest => ({
  method,
  target,
  headers,
  query: new URLSearchParams(target.split('?')[1] ?? ''),
})
const check = async (a: Authentication, r: AuthRequest, d = deps()): Promise<AuthOutcome> =>
  createInboundAuthenticator(a, d).authenticator.authenticate(r)

describe('bearer', () => {
  const a = auth('bearer', { token: '{{env.TOKEN}}' })
  it('accepts the rendered token and names a principal without the token', async () => {
    const out = await check(a, req({ authorization: 'Bearer s3cret-token' }))
    expect(out.ok).toBe(true)
    expect(JSON.stringify(out)).not.toContain('s3cret-token')
  })
  it('refuses a missing or wrong token with a Bearer challenge', async () => {
    for (const h of [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'Basic czNjcmV0LXRva2Vu' },
    ]) {
      const out = await check(a, req(h))
      expect(out).toMatchObject({ ok: false, status: 401 })
      expect(out.ok ? '' : String(out.challenge)).toMatch(/^Bearer realm="capstan"/)
    }
  })
  it('refuses everything when the expected token names an unset or empty variable', async () => {
    for (const source of ['{{env.MISSING}}', 'prefix-{{env.MISSING}}', '{{env.EMPTY}}']) {
      const made = createInboundAuthenticator(auth('bearer', { token: source }), deps())
      expect(made.problem).toMatch(/empty or names an unset variable/)
      // The literal template text is never a valid credential.
      expect(
        (await made.authenticator.authenticate(req({ authorization: `Bearer ${source}` }))).ok,
      ).toBe(false)
      expect(
        (await made.authenticator.authenticate(req({ authorization: 'Bearer prefix-' }))).ok,
      ).toBe(false)
    }
  })
})

describe('apikey', () => {
  it('reads a header, case-insensitively', async () => {
    const a = auth('apikey', { key: 'X-Api-Key', value: '{{env.TOKEN}}' })
    expect((await check(a, req({ 'x-api-key': 's3cret-token' }))).ok).toBe(true)
    expect(await check(a, req({ 'x-api-key': 'wrong' }))).toMatchObject({ ok: false, status: 401 })
    expect(await check(a, req())).toMatchObject({ ok: false, status: 401 })
  })
  it('reads a query parameter when placement is query', async () => {
    const a = auth('apikey', { key: 'api_key', value: '{{env.TOKEN}}' }, { placement: 'query' })
    expect((await check(a, req({}, '/v1/x?api_key=s3cret-token'))).ok).toBe(true)
    expect((await check(a, req({ api_key: 's3cret-token' }, '/v1/x'))).ok).toBe(false)
  })
})

describe('basic', () => {
  const a = auth('basic', { username: '{{env.USER}}', password: '{{env.PASS}}' })
  const b64 = (s: string) => Buffer.from(s).toString('base64')
  it('accepts the right pair (password may contain a colon)', async () => {
    expect(await check(a, req({ authorization: `Basic ${b64('ann:pa:ss')}` }))).toMatchObject({
      ok: true,
      principal: 'basic:ann',
    })
  })
  it('refuses a wrong user, a wrong password and no header', async () => {
    for (const h of [
      { authorization: `Basic ${b64('bob:pa:ss')}` },
      { authorization: `Basic ${b64('ann:pass')}` },
      {},
    ]) {
      const out = await check(a, req(h))
      expect(out).toMatchObject({
        ok: false,
        status: 401,
        challenge: 'Basic realm="capstan", charset="UTF-8"',
      })
    }
  })
})

describe('digest (RFC 7616)', () => {
  const a = auth('digest', { username: '{{env.USER}}', password: '{{env.PASS}}' })
  const H = (alg: string, s: string) => createHash(alg).update(s).digest('hex')
  const answer = (
    challenge: string,
    opts: { password?: string; uri?: string; alg?: string } = {},
  ) => {
    const p = parseAuthParams(challenge.slice(7))
    const alg = opts.alg ?? 'sha256'
    const uri = opts.uri ?? '/mcp'
    const ha1 = H(alg, `ann:${p.realm}:${opts.password ?? 'pa:ss'}`)
    const response = H(alg, `${ha1}:${p.nonce}:00000001:abc:auth:${H(alg, `POST:/mcp`)}`)
    return `Digest username="ann", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", qop=auth, nc=00000001, cnonce="abc", response="${response}", algorithm=${alg === 'md5' ? 'MD5' : 'SHA-256'}`
  }
  const challenges = async (d = deps()) => {
    const out = await check(a, req(), d)
    if (out.ok || !Array.isArray(out.challenge)) throw new Error('expected a digest challenge')
    return out.challenge as string[]
  }
  it('answers a challenge offering SHA-256 and MD5, and accepts a correct response for each', async () => {
    const [sha, md5] = await challenges()
    expect(sha).toMatch(/^Digest realm="capstan", qop="auth", algorithm=SHA-256, nonce="/)
    expect((await check(a, req({ authorization: answer(sha!) }))).ok).toBe(true)
    expect((await check(a, req({ authorization: answer(md5!, { alg: 'md5' }) }))).ok).toBe(true)
  })
  it('refuses a wrong password, a different uri and a forged nonce', async () => {
    const [sha] = await challenges()
    expect((await check(a, req({ authorization: answer(sha!, { password: 'nope' }) }))).ok).toBe(
      false,
    )
    expect((await check(a, req({ authorization: answer(sha!, { uri: '/other' }) }))).ok).toBe(false)
    const forged = sha!.replace(
      /nonce="[^"]+"/,
      `nonce="${Buffer.from('zz:forged').toString('base64url')}"`,
    )
    expect((await check(a, req({ authorization: answer(forged) }))).ok).toBe(false)
  })
  it('marks an expired nonce stale', async () => {
    const [sha] = await challenges()
    const later = deps({ now: () => 1_000_000 + 6 * 60_000 })
    const out = await check(a, req({ authorization: answer(sha!) }), later)
    expect(out.ok).toBe(false)
    expect(out.ok ? '' : String(out.challenge)).toContain('stale=true')
  })
})

describe('oauth2 resource server', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  const AS = 'http://as.test'
  const fetched: string[] = []
  const fakeFetch: FetchLike = async (url) => {
    fetched.push(url)
    if (url === `${AS}/.well-known/oauth-authorization-server`)
      return new Response('nope', { status: 404 })
    if (url === `${AS}/.well-known/openid-configuration`)
      return Response.json({ issuer: AS, jwks_uri: `${AS}/jwks` })
    if (url === `${AS}/jwks`) return Response.json({ keys: [jwk] })
    return new Response('', { status: 404 })
  }
  const now = Date.now()
  const d = deps({ fetch: fakeFetch, now: () => now })
  const a = auth(
    'oauth2',
    {},
    { authorizationServerUri: AS, audience: 'https://capstan.test/mcp', scopes: ['secrets:read'] },
  )
  const token = (
    claims: Record<string, unknown> = {},
    exp = Math.floor(now / 1000) + 300,
    key = privateKey,
  ) =>
    new SignJWT({ scope: 'secrets:read other', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(AS)
      .setAudience('https://capstan.test/mcp')
      .setSubject('agent-1')
      .setIssuedAt(Math.floor(now / 1000) - 10)
      .setExpirationTime(exp)
      .sign(key)
  const authenticator = createInboundAuthenticator(a, d).authenticator
  const run = async (h: Record<string, string>) => authenticator.authenticate(req(h))

  it('accepts a valid token (discovery falls back to openid-configuration)', async () => {
    expect(await run({ authorization: `Bearer ${await token()}` })).toEqual({
      ok: true,
      principal: 'oauth2:agent-1',
    })
    expect(fetched.slice(0, 2)).toEqual([
      `${AS}/.well-known/oauth-authorization-server`,
      `${AS}/.well-known/openid-configuration`,
    ])
  })
  it('refuses missing, expired, wrongly signed and wrong-audience tokens with 401 invalid_token', async () => {
    const other = (await generateKeyPair('RS256')).privateKey
    expect(await run({})).toMatchObject({
      ok: false,
      status: 401,
      challenge: 'Bearer realm="capstan"',
    })
    expect(
      await run({ authorization: `Bearer ${await token({}, Math.floor(now / 1000) - 60)}` }),
    ).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('expired') })
    expect(
      await run({ authorization: `Bearer ${await token({}, undefined, other)}` }),
    ).toMatchObject({ ok: false, status: 401 })
    const wrongAud = await new SignJWT({ scope: 'secrets:read' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(AS)
      .setAudience('https://elsewhere')
      .setExpirationTime(Math.floor(now / 1000) + 60)
      .sign(privateKey)
    const out = await run({ authorization: `Bearer ${wrongAud}` })
    expect(out).toMatchObject({ ok: false, status: 401 })
    expect(out.ok ? '' : String(out.challenge)).toContain('error="invalid_token"')
  })
  it('answers 403 insufficient_scope when a required scope is missing', async () => {
    const out = await run({ authorization: `Bearer ${await token({ scope: 'other' })}` })
    expect(out).toMatchObject({
      ok: false,
      status: 403,
      challenge: expect.stringContaining('error="insufficient_scope", scope="secrets:read"'),
    })
  })
  it('refuses a configuration without an audience', () => {
    expect(
      createInboundAuthenticator(auth('oauth2', {}, { authorizationServerUri: AS }), d).problem,
    ).toMatch(/audience/)
  })
})

it('an unknown scheme refuses every request and says why', async () => {
  const made = createInboundAuthenticator(auth('kerberos', {}), deps())
  expect(made.problem).toMatch(/unknown authentication type "kerberos"/)
  expect((await made.authenticator.authenticate(req({ authorization: 'Bearer x' }))).ok).toBe(false)
})
