import { describe, expect, it } from 'vitest'
import type { IncomingMessage } from 'node:http'
import { createOriginPolicy } from './origin-policy.js'

const req = (host: string | undefined, origin?: string) =>
  ({ headers: { host, ...(origin === undefined ? {} : { origin }) } }) as unknown as IncomingMessage

describe('origin policy', () => {
  it('judges each Host on its own, however requests alternate', () => {
    const policy = createOriginPolicy(['api.example.com'], [])
    const hosts = [
      'localhost:8080',
      'evil.example:8080',
      'localhost:8080',
      'api.example.com',
      'evil.example:8080',
      '127.0.0.1:9090',
      '[::1]:9090',
      'not a host',
    ]
    expect(hosts.map((h) => policy.check(req(h)) ?? 'ok')).toEqual([
      'ok',
      'Host not allowed',
      'ok',
      'ok',
      'Host not allowed',
      'ok',
      'ok',
      'Host not allowed',
    ])
    expect(policy.check(req(undefined))).toBe('Host header is required')
  })

  it('checks the Origin of every request, also when the Host is the same as before', () => {
    const policy = createOriginPolicy([], ['https://app.example.com'])
    expect(policy.check(req('localhost', 'http://localhost:3000'))).toBeUndefined()
    expect(policy.check(req('localhost', 'https://evil.example'))).toBe('Origin not allowed')
    expect(policy.check(req('localhost', 'https://app.example.com/'))).toBeUndefined()
  })
})
