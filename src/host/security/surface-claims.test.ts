import type { IncomingMessage, ServerResponse } from 'node:http'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { HttpAdapter, RequestContext } from '../../adapters/adapter.js'
import type { RuntimeDeps } from '../../runtime/types.js'
import { createSecurity } from './create-security.js'
import { surfaceClaim } from './surface-claims.js'

const at = (target: string) => ({ target, pathname: target.split('?')[0]! })

describe('surfaceClaim', () => {
  it('claims every control spelling the control adapter serves', () => {
    const claim = surfaceClaim('control', [])
    for (const t of ['/metrics/', '/traces/0af7651916cd43dd8448eb211c80319c', '/health/../status'])
      expect(claim(at(t)), t).toBe(true)
    expect(claim(at('/v1/things'))).toBe(false)
  })

  it('claims /mcp and every sub-path for MCP', () => {
    const claim = surfaceClaim('mcp', ['/mcp'])
    expect(['/mcp', '/mcp/', '/mcp/ns/', '/mcp?x=1'].map((t) => claim(at(t)))).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(claim(at('/mcpx'))).toBe(false)
  })

  it('claims described paths with or without trailing slashes for a surface it does not know', () => {
    const claim = surfaceClaim('custom', ['/hooks/in'])
    expect(claim(at('/hooks/in//'))).toBe(true)
    expect(claim(at('/hooks'))).toBe(false)
  })
})

describe('security wrapper on a path its surface does not claim', () => {
  const security = createSecurity(
    { secrets: { values: new Map(), context: {} } } as unknown as RuntimeDeps,
    pino({ enabled: false }),
    { host: '127.0.0.1', allowedHosts: [], allowedOrigins: [] },
  )
  const seen: string[] = []
  // An adapter that answers more than it describes: the wrapper must still not hand it forged requests.
  const sloppy: HttpAdapter = {
    type: 'custom',
    describe: () => ['/hook'],
    close: async () => {},
    handle: (req) => (seen.push(req.url ?? ''), true),
  }
  const wrapped = security.wrap(sloppy, { port: 0, rest: [], mcp: [], control: [], skill: [] })
  const ctx = (): RequestContext => ({ id: 'r', startedAt: 0, traceparent: '', fields: {} })
  const req = (url: string, host: string) =>
    ({ url, method: 'GET', headers: { host } }) as IncomingMessage

  it('passes it on from an allowed Host', () => {
    expect(wrapped.handle(req('/other', '127.0.0.1:1'), {} as ServerResponse, ctx())).toBe(true)
    expect(seen).toContain('/other')
  })

  it('declines it from a forged Host without showing it to the adapter', () => {
    expect(wrapped.handle(req('/forged', 'evil.example'), {} as ServerResponse, ctx())).toBe(false)
    expect(seen).not.toContain('/forged')
  })
})
