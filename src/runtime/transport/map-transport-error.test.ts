import { describe, it, expect } from 'vitest'
import { mapTransportError } from './map-transport-error.js'

function coded(code: string, wrap = false): Error {
  const error = Object.assign(new Error(`boom Bearer SECRET`), { code })
  return wrap ? Object.assign(new Error('fetch failed'), { cause: error }) : error
}

describe('mapTransportError', () => {
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'UPSTREAM_TIMEOUT'],
    ['UND_ERR_HEADERS_TIMEOUT', 'UPSTREAM_TIMEOUT'],
    ['UND_ERR_BODY_TIMEOUT', 'UPSTREAM_TIMEOUT'],
    ['ECONNREFUSED', 'UPSTREAM_UNREACHABLE'],
    ['ENOTFOUND', 'UPSTREAM_UNREACHABLE'],
    ['ECONNRESET', 'UPSTREAM_CONNECTION_RESET'],
    ['UND_ERR_SOCKET', 'UPSTREAM_CONNECTION_RESET'],
    ['CERT_HAS_EXPIRED', 'UPSTREAM_TLS'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'UPSTREAM_TLS'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'UPSTREAM_TLS'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UPSTREAM_TLS'],
  ])('%s → %s, also when wrapped, without echoing the cause message', (code, expected) => {
    for (const error of [coded(code), coded(code, true)]) {
      const mapped = mapTransportError(error, 'shop.get', 'https://api.example.com')
      expect(mapped.code).toBe(expected)
      expect(mapped.message).toContain('shop.get at https://api.example.com')
      expect(mapped.message).not.toContain('SECRET')
    }
  })
})
