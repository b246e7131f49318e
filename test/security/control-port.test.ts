/**
 * Issue 8: the lone `--control-port` listener (no control expose declared) goes through the same
 * security wrapper as every other surface: Host/Origin allow-lists, and no unauthenticated
 * non-loopback bind without --allow-unauthenticated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { raw } from './raw-request.js'
import { serve, type Served } from './harness.js'
import { createOperations } from '../../src/host/telemetry/create-operations.js'
import type { Host } from '../../src/host/start-host.js'
import type { RuntimeDeps } from '../../src/runtime/types.js'
import pino from 'pino'

let s: Served
let control: string

beforeAll(async () => {
  s = await serve({ engine: { controlPort: 0, allowedHosts: ['capstan.internal'] } })
  const listener = s.engine.host.listeners.find((l) =>
    l.surfaces.some((x) => x.type === 'control'),
  )!
  // The harness seed declares no control expose, so this is the lone --control-port listener.
  expect(listener.surfaces.map((x) => x.type)).toEqual(['control'])
  control = listener.url
})

afterAll(async () => {
  await s?.close()
})

describe('--control-port listener', () => {
  it('answers /health/live to a request with a loopback Host', async () => {
    const res = await raw(control, 'GET', '/health/live')
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ status: 'UP' })
  })

  it('accepts a Host named in allowedHosts', async () => {
    const res = await raw(control, 'GET', '/health/live', { host: 'capstan.internal:9999' })
    expect(res.status).toBe(200)
  })

  it.each(['/health/live', '/health/ready', '/metrics', '/status', '/traces'])(
    'refuses a forged Host on %s with the same 403 as the REST surface',
    async (path) => {
      const res = await raw(control, 'GET', path, { host: 'evil.example:80' })
      expect(res.status).toBe(403)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      const rest = await raw(s.rest, 'GET', '/nope', { host: 'evil.example:80' })
      const strip = (b: string) => {
        const { instance: _i, ...rest } = JSON.parse(b) as Record<string, unknown>
        return rest
      }
      expect(rest.status).toBe(403)
      expect(strip(res.body)).toEqual(strip(rest.body))
      expect(res.body).not.toContain('capstan_')
    },
  )

  it('refuses a forged Origin with 403', async () => {
    const res = await raw(control, 'GET', '/metrics', { origin: 'http://evil.example' })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body)).toMatchObject({
      status: 403,
      detail: 'Forbidden: Origin not allowed.',
    })
  })

  it('accepts a loopback Origin', async () => {
    const res = await raw(control, 'GET', '/health/live', { origin: 'http://localhost:3000' })
    expect(res.status).toBe(200)
  })
})

describe('--control-port beyond loopback', () => {
  const view = () => ({
    host: { listeners: [], stdio: false, inFlight: () => 0, close: async () => {} } as Host,
    capabilities: [],
    diagnostics: [],
  })
  const deps = {
    runtime: { secrets: { values: new Map(), context: {} } } as unknown as RuntimeDeps,
    logger: pino({ enabled: false }),
  }
  const ops = () => createOperations({ env: {}, now: Date.now, fetch: globalThis.fetch })

  it('is refused without inbound authentication, before anything listens', async () => {
    const o = ops()
    try {
      await expect(o.started(view(), { ...deps, controlPort: 0, host: '0.0.0.0' })).rejects.toThrow(
        /Refusing to listen on 0\.0\.0\.0 without inbound authentication for: control port.*--allow-unauthenticated/,
      )
    } finally {
      await o.close()
    }
  })
})
