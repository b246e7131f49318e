/** Passthrough operations: the upstream body reaches the client byte for byte, with its length. */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/cli/start-engine.js'
import { startTestServer, type TestServer } from '../../src/runtime/transport/test-server.js'
import { collectLogs } from '../support/collect-logs.js'
import { engineFor } from '../support/engine-for.js'

const SMALL = Buffer.from(JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ i })) }))
const LARGE = Buffer.from(
  `[${Array.from({ length: 3 * 1024 * 16 }, () => `"${'x'.repeat(60)}"`).join(',')}]`,
)

const CAP = `naftiko: 1.0.0-alpha2
info: {label: Passthrough, description: bodies passed through unchanged}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://placeholder.invalid
      resources:
        - {name: small, path: /small, operations: [{name: small, method: GET}]}
        - {name: large, path: /large, operations: [{name: large, method: GET}]}
        - {name: chunked, path: /chunked, operations: [{name: chunked, method: GET}]}
        - {name: pieces, path: /pieces, operations: [{name: pieces, method: GET}]}
        - {name: hang, path: /hang, operations: [{name: hang, method: GET}]}
  exposes:
    - type: rest
      namespace: api
      port: 8081
      resources:
        - {path: /small, operations: [{method: GET, name: small, call: up.small}]}
        - {path: /large, operations: [{method: GET, name: large, call: up.large}]}
        - {path: /chunked, operations: [{method: GET, name: chunked, call: up.chunked}]}
        - {path: /pieces, operations: [{method: GET, name: pieces, call: up.pieces}]}
        - {path: /hang, operations: [{method: GET, name: hang, call: up.hang}]}
        - {path: /relay, forward: {targetNamespace: up}}
`

const PIECES_BYTES = 150_000
let upstream: TestServer
let engine: Engine
const logs = collectLogs()
let base: string
let control: string
/** Requests to /hang the upstream holds unanswered, and whether each was abandoned by Capstan. */
const hanging: { abandoned: boolean }[] = []

beforeAll(async () => {
  upstream = await startTestServer((req, res) => {
    if (req.url === '/hang') {
      const seen = { abandoned: false }
      hanging.push(seen)
      res.on('close', () => (seen.abandoned = !res.writableFinished))
      return
    }
    if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write(LARGE.subarray(0, 1000))
      setTimeout(() => res.end(LARGE.subarray(1000)), 5)
      return
    }
    if (req.url === '/pieces') {
      // a declared length under 1 MiB, arriving in pieces: Capstan receives several chunks
      const body = LARGE.subarray(0, PIECES_BYTES)
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
      const piece = (at: number): void => {
        if (at >= body.length) return void res.end()
        res.write(body.subarray(at, at + 40_000))
        setTimeout(() => piece(at + 40_000), 5)
      }
      piece(0)
      return
    }
    const body = req.url === '/small' ? SMALL : LARGE
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
    res.end(body)
  })
  engine = await engineFor(CAP, {
    env: {},
    upstreams: new Map([['*', upstream.origin]]),
    restPort: 0,
    mcpPort: 0,
    controlPort: 0,
    logDestination: logs.stream,
  })
  base = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'rest'))!.url
  control = engine.host.listeners.find((l) => l.surfaces.some((x) => x.type === 'control'))!.url
})

afterAll(async () => {
  await engine?.close()
  await upstream?.close()
})

function get(
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
      .on('error', reject)
      .end()
  })
}

describe('REST passthrough', () => {
  it.each([
    ['/small', SMALL],
    ['/large', LARGE],
  ])('%s keeps the upstream bytes and Content-Length', async (path, expected) => {
    const got = await get(path)
    expect(got.status).toBe(200)
    expect(got.headers['content-length']).toBe(String(expected.length))
    expect(got.headers['content-type']).toBe('application/json')
    expect(got.body.equals(expected)).toBe(true)
  })

  it('sends a body of declared length that arrives in pieces whole, with its length', async () => {
    const got = await get('/pieces')
    expect(got.status).toBe(200)
    expect(got.headers['content-length']).toBe(String(PIECES_BYTES))
    expect(got.headers['transfer-encoding']).toBeUndefined()
    expect(got.body.equals(LARGE.subarray(0, PIECES_BYTES))).toBe(true)
  })

  it('streams a body of unknown length unchanged', async () => {
    const got = await get('/chunked')
    expect(got.status).toBe(200)
    expect(got.headers['transfer-encoding']).toBe('chunked')
    expect(got.body.equals(LARGE)).toBe(true)
  })

  it('cancels the upstream call when the client goes away', async () => {
    const req = request(`${base}/hang`).on('error', () => undefined)
    req.end()
    await expect.poll(() => hanging.length).toBe(1)
    req.destroy()
    await expect.poll(() => hanging[0]!.abandoned).toBe(true)
  })

  it('logs a request its client left as 499 CLIENT_CLOSED, not as an upstream failure', async () => {
    const lines = () =>
      logs.lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l['msg'] === 'request' && l['route'] === 'GET /hang')
    const logged = lines().length
    const before = hanging.length
    const req = request(`${base}/hang`).on('error', () => undefined)
    req.end()
    await expect.poll(() => hanging.length).toBe(before + 1)
    req.destroy()
    await expect.poll(() => lines().length).toBe(logged + 1)
    expect(lines().at(-1)).toMatchObject({ status: 499, errorCode: 'CLIENT_CLOSED' })
    const metrics = await (await fetch(`${control}/metrics`)).text()
    expect(metrics).toMatch(/naftiko_request_total\{[^}]*"GET \/hang"[^}]*status="499"\} [1-9]/)
    expect(metrics).toMatch(
      /naftiko_http_client_total\{[^}]*"up\.hang"[^}]*error_type="CLIENT_CLOSED"\}/,
    )
    expect(metrics).not.toMatch(
      /naftiko_http_client_total\{[^}]*"up\.hang"[^}]*error_type="(INTERNAL|UPSTREAM_UNREACHABLE)"/,
    )
  })

  it('forwards a request as is, and cancels the forwarded call when the client goes away', async () => {
    const relayed = await get('/relay/small')
    expect(relayed.status).toBe(200)
    expect(relayed.body.equals(SMALL)).toBe(true)
    const before = hanging.length
    const req = request(`${base}/relay/hang`).on('error', () => undefined)
    req.end()
    await expect.poll(() => hanging.length).toBe(before + 1)
    req.destroy()
    await expect.poll(() => hanging[before]!.abandoned).toBe(true)
  })
})
