/**
 * `type: digest`: RFC 7616 server side (qop=auth, SHA-256 and MD5). Nonces are stateless
 * (timestamp + HMAC under a per-process key) and expire, which answers `stale=true`.
 */
import { createHash, createHmac } from 'node:crypto'
import { renderExpected } from './render-expected.js'
import { safeEqual } from './safe-equal.js'
import { REALM, unauthorized, type AuthOutcome, type InboundAuthFactory } from './types.js'

export const DIGEST_NONCE_TTL_MS = 5 * 60 * 1000
const ALGORITHMS: Readonly<Record<string, string>> = { 'SHA-256': 'sha256', MD5: 'md5' }

export const digest: InboundAuthFactory = (auth, deps) => {
  const username = renderExpected(auth.fields.username, deps.context)
  const password = renderExpected(auth.fields.password, deps.context)
  if (username === undefined || password === undefined)
    return { problem: 'the username or password is empty or names an unset variable' }
  const ttl =
    typeof auth.options.nonceTtlMs === 'number' ? auth.options.nonceTtlMs : DIGEST_NONCE_TTL_MS
  const sign = (ts: string) =>
    createHmac('sha256', deps.secretKey).update(ts).digest('base64url').slice(0, 32)
  const challenges = (stale: boolean): string[] => {
    const ts = deps.now().toString(36)
    const nonce = Buffer.from(`${ts}:${sign(ts)}`).toString('base64url')
    return Object.keys(ALGORITHMS).map(
      (alg) =>
        `Digest realm="${REALM}", qop="auth", algorithm=${alg}, nonce="${nonce}", opaque="${REALM}"${stale ? ', stale=true' : ''}`,
    )
  }
  const fail = (message: string, stale = false): AuthOutcome =>
    unauthorized(message, challenges(stale))
  return {
    type: 'digest',
    authenticate(req) {
      const header = req.headers.authorization
      if (typeof header !== 'string' || !/^Digest\s/i.test(header))
        return fail('Digest credentials are required.')
      const p = parseAuthParams(header.slice(7))
      const hash = ALGORITHMS[(p.algorithm ?? 'MD5').toUpperCase()]
      if (
        !hash ||
        p.qop !== 'auth' ||
        !p.nonce ||
        !p.nc ||
        !p.cnonce ||
        !p.response ||
        !p.uri ||
        p.realm !== REALM
      )
        return fail('The digest credentials are incomplete.')
      if (p.uri !== req.target) return fail('The digest uri does not match the request.')
      const decoded = Buffer.from(p.nonce, 'base64url').toString('utf8')
      const [ts, mac] = decoded.split(':')
      if (!ts || !mac || !safeEqual(mac, sign(ts))) return fail('The digest nonce is not valid.')
      if (deps.now() - parseInt(ts, 36) > ttl) return fail('The digest nonce has expired.', true)
      const H = (s: string) => createHash(hash).update(s, 'utf8').digest('hex')
      const ha1 = H(`${username}:${REALM}:${password}`)
      const ha2 = H(`${req.method}:${p.uri}`)
      const expected = H(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`)
      const userOk = safeEqual(p.username ?? '', username)
      const responseOk = safeEqual(p.response.toLowerCase(), expected)
      if (!(userOk && responseOk)) return fail('The username or password is not valid.')
      return { ok: true, principal: `digest:${username}` }
    },
  }
}

/** `a=b, c="d"` auth-params; quoted-string escapes honoured. */
export function parseAuthParams(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/gy
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null && m[0] !== '') {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!
  }
  return out
}
