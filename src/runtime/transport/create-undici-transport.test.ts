import { describe, it, expect, afterEach } from 'vitest'
import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { createUndiciTransport } from './create-undici-transport.js'
import { startTestServer, requestText, type TestServer } from './test-server.js'
import type { Transport, TransportOptions, UpstreamRequest } from '../types.js'
import { EngineError } from '../../errors.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const started = await startTestServer(handler)
  cleanups.push(() => started.close())
  return started
}

function transport(options: Partial<TransportOptions> = {}): Transport {
  const created = createUndiciTransport(options)
  cleanups.push(() => created.close())
  return created
}

function request(url: string, overrides: Partial<UpstreamRequest> = {}): UpstreamRequest {
  return {
    method: 'GET',
    url: new URL(url),
    headers: {},
    body: undefined,
    idempotent: true,
    operationId: 'shop.list-items',
    namespace: 'shop',
    ...overrides,
  }
}

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(EngineError)
  return error as EngineError
}

describe('undici transport', () => {
  it('sends method, headers and body and returns status, headers and the body stream', async () => {
    const upstream = await server(async (req, res) => {
      const body = await requestText(req)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ method: req.method, auth: req.headers['x-auth-token'], body }))
    })
    const response = await transport().send(
      request(`${upstream.origin}/items?x=1`, {
        method: 'POST',
        headers: { 'x-auth-token': 't' },
        body: 'hello',
        idempotent: false,
      }),
      undefined,
    )
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/json')
    expect(JSON.parse(Buffer.from(await response.body.bytes(1024)).toString())).toEqual({
      method: 'POST',
      auth: 't',
      body: 'hello',
    })
  })

  it('maps a closed port to UPSTREAM_UNREACHABLE naming operation and origin', async () => {
    const probe = createNetServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const error = await failure(
      transport().send(
        request(`http://127.0.0.1:${port}/x`, { headers: { authorization: 'Bearer SECRET' } }),
        undefined,
      ),
    )
    expect(error.code).toBe('UPSTREAM_UNREACHABLE')
    expect(error.message).toContain(`shop.list-items at http://127.0.0.1:${port}`)
    expect(error.message).not.toContain('SECRET')
  })

  it('maps a slow response to UPSTREAM_TIMEOUT (headers timeout)', async () => {
    const upstream = await server((_req, res) => {
      setTimeout(() => res.end('late'), 1_000).unref()
    })
    const error = await failure(
      transport({ headersTimeoutMs: 100 }).send(request(upstream.origin), undefined),
    )
    expect(error.code).toBe('UPSTREAM_TIMEOUT')
  })

  it.each([
    ['of unknown length', {}],
    ['of declared length', { 'content-length': '100' }],
  ])(
    'maps a stalled body %s to UPSTREAM_TIMEOUT (body timeout) on the body stream',
    async (_, length) => {
      const upstream = await server((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', ...length })
        res.write('partial')
      })
      const response = await transport({ bodyTimeoutMs: 150 }).send(
        request(upstream.origin),
        undefined,
      )
      const error = await failure(response.body.bytes(1024))
      expect(error.code).toBe('UPSTREAM_TIMEOUT')
    },
  )

  it('times the body by its silences: a slow body that keeps arriving is read whole', async () => {
    const upstream = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      let pieces = 0
      const timer = setInterval(() => {
        res.write(`piece-${pieces}.`)
        if (++pieces === 8) {
          clearInterval(timer)
          res.end()
        }
      }, 50)
    })
    // 8 pieces 50 ms apart: 400 ms in all, each silence well under the 200 ms body timeout
    const response = await transport({ bodyTimeoutMs: 200 }).send(
      request(upstream.origin),
      undefined,
    )
    const text = Buffer.from(await response.body.bytes(1024)).toString()
    expect(text).toBe(Array.from({ length: 8 }, (_, i) => `piece-${i}.`).join(''))
  })

  it('keeps timing the headers after an informational (1xx) response', async () => {
    const upstream = await server((_req, res) => {
      res.writeProcessing()
      setTimeout(() => res.end('late'), 1_000).unref()
    })
    const error = await failure(
      transport({ headersTimeoutMs: 100 }).send(request(upstream.origin), undefined),
    )
    expect(error.code).toBe('UPSTREAM_TIMEOUT')
    expect(error.message).toContain('no response headers in time')
  })

  it('maps a body of declared length cut by the upstream to an engine error', async () => {
    const upstream = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' })
      res.write('partial', () => res.socket?.destroy())
    })
    const response = await transport().send(request(upstream.origin), undefined)
    const error = await failure(response.body.bytes(1024))
    expect(error.code).toMatch(/^UPSTREAM_/)
  })

  it('errors a body declared larger than the cap with UPSTREAM_TOO_LARGE', async () => {
    const upstream = await server((_req, res) => {
      res.writeHead(200, { 'content-length': String(8192) })
      res.end(Buffer.alloc(8192, 97))
    })
    const response = await transport({ maxResponseBytes: 5000 }).send(
      request(upstream.origin),
      undefined,
    )
    const error = await failure(response.body.bytes(1_000_000))
    expect(error.code).toBe('UPSTREAM_TOO_LARGE')
  })

  it('maps a connect timeout to UPSTREAM_TIMEOUT (a TLS handshake that never completes)', async () => {
    const silent = createNetServer((socket) => socket.on('error', () => undefined))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const sockets = new Set<import('node:net').Socket>()
    silent.on('connection', (socket) => sockets.add(socket))
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    })
    const { port } = silent.address() as AddressInfo
    const error = await failure(
      transport({ connectTimeoutMs: 100 }).send(request(`https://127.0.0.1:${port}/`), undefined),
    )
    expect(error.code).toBe('UPSTREAM_TIMEOUT')
    expect(error.message).toContain('connection timed out')
  })

  it('errors the body with UPSTREAM_TOO_LARGE past the cap, and a per-call cap can raise it', async () => {
    const upstream = await server((_req, res) => {
      res.write(Buffer.alloc(4096, 97))
      res.end(Buffer.alloc(4096, 98))
    })
    const small = transport({ maxResponseBytes: 5000 })
    const response = await small.send(request(upstream.origin), undefined)
    const error = await failure(response.body.bytes(1_000_000))
    expect(error.code).toBe('UPSTREAM_TOO_LARGE')
    const raised = await small.send(
      { ...request(upstream.origin), maxResponseBytes: 10_000 } as UpstreamRequest,
      undefined,
    )
    expect((await raised.body.bytes(1_000_000)).byteLength).toBe(8192)
  })

  it('a reader enforces its own limit', async () => {
    const upstream = await server((_req, res) => res.end('0123456789'))
    const response = await transport().send(request(upstream.origin), undefined)
    expect((await failure(response.body.bytes(5))).code).toBe('UPSTREAM_TOO_LARGE')
  })

  it('retries an idempotent request once after a connection reset', async () => {
    let seen = 0
    const upstream = await server((req, res) => {
      seen++
      if (seen === 1) req.socket.destroy()
      else res.end('ok')
    })
    const response = await transport().send(request(upstream.origin), undefined)
    expect(Buffer.from(await response.body.bytes(100)).toString()).toBe('ok')
    expect(seen).toBe(2)
  })

  it('never retries a non-idempotent request', async () => {
    let seen = 0
    const upstream = await server((req, res) => {
      seen++
      if (seen === 1) req.socket.destroy()
      else res.end('ok')
    })
    const error = await failure(
      transport().send(
        request(upstream.origin, { method: 'POST', body: '{}', idempotent: false }),
        undefined,
      ),
    )
    expect(error.code).toBe('UPSTREAM_CONNECTION_RESET')
    expect(seen).toBe(1)
  })

  it('follows same-origin redirects (303 turns into GET) up to the limit', async () => {
    const upstream = await server((req, res) => {
      if (req.url === '/start') res.writeHead(303, { location: '/middle' }).end()
      else if (req.url === '/middle') res.writeHead(307, { location: '/final?x=1' }).end()
      else res.end(`${req.method} ${req.url} ${req.headers['authorization']}`)
    })
    const response = await transport().send(
      request(`${upstream.origin}/start`, {
        method: 'POST',
        body: 'x',
        idempotent: false,
        headers: { authorization: 'Bearer T' },
      }),
      undefined,
    )
    expect(Buffer.from(await response.body.bytes(100)).toString()).toBe('GET /final?x=1 Bearer T')
  })

  it('refuses a redirect loop past maxRedirects', async () => {
    const upstream = await server((_req, res) => res.writeHead(302, { location: '/again' }).end())
    const error = await failure(
      transport({ maxRedirects: 2 }).send(request(upstream.origin), undefined),
    )
    expect(error.code).toBe('UPSTREAM_REDIRECT_REFUSED')
  })

  it('returns a cross-origin redirect as is and never sends credentials to the other origin', async () => {
    const other = await server((req, res) => res.end(`leaked ${req.headers['authorization']}`))
    let otherCalls = 0
    other.server.on('request', () => otherCalls++)
    const upstream = await server((_req, res) =>
      res.writeHead(302, { location: `${other.origin}/steal` }).end(),
    )
    const response = await transport().send(
      request(upstream.origin, { headers: { authorization: 'Bearer T', cookie: 'a=b' } }),
      undefined,
    )
    expect(response.status).toBe(302)
    expect(response.headers['location']).toBe(`${other.origin}/steal`)
    await response.body.bytes(100)
    expect(otherCalls).toBe(0)
  })

  it('verifies TLS: a self-signed certificate is UPSTREAM_TLS', async () => {
    // Static self-signed test certificate for 127.0.0.1 (testdata/), never trusted by the transport.
    const tls = createHttpsServer(
      {
        key: readFileSync(new URL('./testdata/self-signed-key.pem', import.meta.url)),
        cert: readFileSync(new URL('./testdata/self-signed-cert.pem', import.meta.url)),
      },
      (_req, res) => res.end('secure'),
    )
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      tls.closeAllConnections()
      await new Promise<void>((resolve) => tls.close(() => resolve()))
    })
    const { port } = tls.address() as AddressInfo
    const error = await failure(transport().send(request(`https://127.0.0.1:${port}/`), undefined))
    expect(error.code).toBe('UPSTREAM_TLS')
  })

  it('rethrows the abort reason when the caller aborts', async () => {
    const upstream = await server((_req, res) => {
      setTimeout(() => res.end('late'), 1_000).unref()
    })
    const controller = new AbortController()
    const pending = transport().send(request(upstream.origin), controller.signal)
    controller.abort(new Error('client went away'))
    await expect(pending).rejects.toThrow('client went away')
  })
})

describe('undici transport bodies', () => {
  // sizes stay below the 50 MB default cap, so only the behaviour under test can end an exchange early
  /** An upstream that writes `size` bytes in 64 KB pieces, honouring backpressure, and reports closes. */
  async function big(size: number) {
    const state = { closedEarly: false }
    const upstream = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      let sent = 0
      const pump = (): void => {
        while (sent < size) {
          // a fresh buffer per piece: a queued write still holds the previous one
          const piece = Buffer.alloc(64 * 1024, (sent / (64 * 1024)) % 256)
          sent += piece.length
          if (!res.write(piece)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('close', () => (state.closedEarly = !res.writableFinished))
      pump()
    })
    return { upstream, state }
  }

  it('streams a body many times its buffers, complete and in order', async () => {
    const { upstream } = await big(8 * 1024 * 1024)
    const response = await transport().send(request(upstream.origin), undefined)
    let total = 0
    let ordered = true
    for await (const chunk of response.body.stream()) {
      for (let i = 0; i < (chunk as Buffer).length; i += 64 * 1024)
        if ((chunk as Buffer)[i] !== Math.floor((total + i) / (64 * 1024)) % 256) ordered = false
      total += (chunk as Buffer).length
    }
    expect({ total, ordered }).toEqual({ total: 8 * 1024 * 1024, ordered: true })
  })

  it('does not count a reader holding a streamed body back against the body timeout', async () => {
    const { upstream, state } = await big(8 * 1024 * 1024)
    const response = await transport({ bodyTimeoutMs: 150 }).send(
      request(upstream.origin),
      undefined,
    )
    const stream = response.body.stream()
    let total = 0
    stream.on('data', (chunk: Buffer) => (total += chunk.length))
    const finished = new Promise((resolve, reject) =>
      stream.once('end', resolve).once('error', reject),
    )
    await new Promise((resolve) => stream.once('data', resolve))
    // hold back 4 body timeouts: the upstream is paused by us, not stalled
    stream.pause()
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(total).toBeLessThan(8 * 1024 * 1024)
    stream.resume()
    await finished
    expect({ total, closedEarly: state.closedEarly }).toEqual({
      total: 8 * 1024 * 1024,
      closedEarly: false,
    })
  })

  it("gives a body as the chunks it arrived in, unjoined, within the reader's limit", async () => {
    const { upstream } = await big(512 * 1024)
    const parts = await (
      await transport().send(request(upstream.origin), undefined)
    ).body.parts(1024 * 1024)
    expect(parts.length).toBeGreaterThan(1)
    const whole = Buffer.concat(parts)
    expect(whole.byteLength).toBe(512 * 1024)
    for (let i = 0; i < whole.byteLength; i += 64 * 1024)
      expect(whole[i]).toBe(Math.floor(i / (64 * 1024)) % 256)
    const { upstream: other } = await big(512 * 1024)
    await expect(
      (await transport().send(request(other.origin), undefined)).body.parts(256 * 1024),
    ).rejects.toMatchObject({ code: 'UPSTREAM_TOO_LARGE' })
  })

  it('waits, without losing anything, for a body taken late', async () => {
    const { upstream } = await big(1024 * 1024)
    const response = await transport().send(request(upstream.origin), undefined)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await response.body.bytes(2 * 1024 * 1024)).byteLength).toBe(1024 * 1024)
  })

  it('stops the upstream exchange when the stream consumer goes away', async () => {
    const { upstream, state } = await big(32 * 1024 * 1024)
    const response = await transport().send(request(upstream.origin), undefined)
    const stream = response.body.stream()
    await new Promise((resolve) => stream.once('data', resolve))
    stream.destroy()
    await expect.poll(() => state.closedEarly).toBe(true)
  })

  it('stops the upstream exchange when the caller aborts while the body arrives', async () => {
    const { upstream, state } = await big(32 * 1024 * 1024)
    const controller = new AbortController()
    const response = await transport().send(request(upstream.origin), controller.signal)
    const reading = response.body.bytes(Number.POSITIVE_INFINITY)
    controller.abort(new Error('client went away'))
    await expect(reading).rejects.toBeInstanceOf(EngineError)
    await expect.poll(() => state.closedEarly).toBe(true)
  })

  it('keeps the first bytes of a long body for an excerpt and stops reading', async () => {
    const { upstream, state } = await big(32 * 1024 * 1024)
    const response = await transport().send(request(upstream.origin), undefined)
    const excerpt = await response.body.bytes(1000, { truncate: true })
    expect(excerpt.byteLength).toBe(1000)
    await expect.poll(() => state.closedEarly).toBe(true)
  })

  it('drops a discarded long body by closing the exchange', async () => {
    const { upstream, state } = await big(32 * 1024 * 1024)
    const response = await transport().send(request(upstream.origin), undefined)
    response.body.discard()
    await expect.poll(() => state.closedEarly).toBe(true)
  })

  it('releases a body nobody takes within the body timeout, and tells a late taker why', async () => {
    const { upstream, state } = await big(32 * 1024 * 1024)
    const response = await transport({ bodyTimeoutMs: 200 }).send(
      request(upstream.origin),
      undefined,
    )
    await expect.poll(() => state.closedEarly).toBe(true)
    const error = await failure(response.body.bytes(Number.POSITIVE_INFINITY))
    expect(error.code).toBe('UPSTREAM_TIMEOUT')
    expect(error.message).toContain('not read in time')
  })

  it('never abandons a body taken late when there is no body timeout (0)', async () => {
    const { upstream, state } = await big(1024 * 1024)
    const response = await transport({ bodyTimeoutMs: 0 }).send(request(upstream.origin), undefined)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await response.body.bytes(2 * 1024 * 1024)).byteLength).toBe(1024 * 1024)
    expect(state.closedEarly).toBe(false)
  })

  it('takes a body only once', async () => {
    const upstream = await server((_req, res) => res.end('ok'))
    const response = await transport().send(request(upstream.origin), undefined)
    expect(Buffer.from(await response.body.bytes(10)).toString()).toBe('ok')
    expect(() => response.body.stream()).toThrow('only once')
  })
})
