import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { LoadResult } from './load-result.js'
import { buildNativeGenerator } from './native-generator.js'
import type { OpenLoopSpec } from './open-loop.js'
import { openLoad, ROOT } from './processes.js'

const servers: Server[] = []
const sockets: Socket[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

/** An answer written in pieces, 1 ms apart (so the generator reads it split), then maybe a close. */
interface Answer {
  readonly pieces: readonly string[]
  readonly close?: boolean
}

/** A loopback server answering each request with `answer(n)` (the nth request), or never. */
async function serve(answer: (n: number) => string | Answer | undefined): Promise<number> {
  let n = 0
  const server = createServer((socket) => {
    sockets.push(socket)
    let queue = Promise.resolve()
    socket.on('data', (chunk: Buffer) => {
      for (const _ of chunk.toString('latin1').matchAll(/\r\n\r\n/g)) {
        const text = answer(n++)
        if (text === undefined) continue
        const { pieces, close } = typeof text === 'string' ? { pieces: [text], close: false } : text
        queue = queue.then(async () => {
          for (const [i, piece] of pieces.entries()) {
            if (i > 0) await new Promise((r) => setTimeout(r, 1))
            socket.write(piece)
          }
          if (close) socket.end()
        })
      }
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

/** Paces 60 requests at `rate` (no warm-up) to the port: every one must be answered 2xx and counted. */
async function expectSixtyAnswered(
  openLoop: (spec: OpenLoopSpec) => Promise<LoadResult>,
  port: number,
  rate: number,
): Promise<void> {
  const result = await openLoop({
    url: `http://127.0.0.1:${port}/x`,
    rate,
    duration: 60 / rate,
    warmup: 0,
  })
  expect(result).toMatchObject({ total: 60, errors: 0, non2xx: 0 })
  expect(Math.round(result.rps * result.seconds)).toBe(60)
}

/** Cuts a text at the given offsets. */
const cut = (text: string, ...at: number[]): string[] =>
  [0, ...at].map((from, i) => text.slice(from, at[i] ?? text.length))

const native = buildNativeGenerator(ROOT)
/** Both paced generators, run as the bench runs them (each its own process). */
const GENERATORS: Array<[string, (spec: OpenLoopSpec) => Promise<LoadResult>]> = [
  ['bench/open-loop.ts', (spec) => openLoad(spec, undefined)],
  [
    'bench/open-loop.c',
    (spec) => {
      if (!('path' in native)) throw new Error(`no native build: ${native.problem}`)
      return openLoad(spec, native.path)
    },
  ],
]

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'
const MISSING = 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'

describe.each(GENERATORS)('open-loop generator %s', (_, openLoop) => {
  it('sends rate × duration counted requests after the warm-up and sorts what comes back', async () => {
    const port = await serve((n) => (n % 4 === 3 ? MISSING : OK))
    const result = await openLoop({
      url: `http://127.0.0.1:${port}/x`,
      rate: 200,
      duration: 0.5,
      warmup: 0.1,
    })
    expect(result.total).toBe(100)
    expect(result.non2xx + Math.round(result.rps * result.seconds)).toBe(100)
    expect(result.non2xx).toBeGreaterThanOrEqual(20)
    expect(result.errors).toBe(0)
    expect(result.p50).toBeGreaterThan(0)
  })

  it('stops by itself when the target never answers, counting what is still out as errors', async () => {
    const port = await serve(() => undefined)
    const result = await openLoop({
      url: `http://127.0.0.1:${port}/x`,
      rate: 100,
      duration: 0.2,
      warmup: 0,
      grace: 0.3,
    })
    expect(result).toMatchObject({ total: 20, errors: 20, non2xx: 0, rps: 0 })
  })

  it('finds where each response ends, whatever its framing, when it arrives in pieces', async () => {
    const body = 'x'.repeat(70_000)
    const answers: Answer[] = [
      // an interim response, then the final one
      {
        pieces: cut(
          'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello',
          1,
          30,
          60,
        ),
      },
      // chunked, with a chunk extension and a trailer, cut inside a size line and inside data
      {
        pieces: cut(
          'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\nX-T: 1\r\n\r\n',
          20,
          48,
          52,
          58,
          70,
        ),
      },
      { pieces: cut('HTTP/1.1 204 No Content\r\n\r\n', 10) },
      {
        pieces: cut(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`, 40, 30_000),
      },
      // framed by the close, and a close announced in the head: both need a new connection
      { pieces: cut(`HTTP/1.1 200 OK\r\n\r\n${body}`, 25), close: true },
      {
        pieces: ['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}'],
        close: true,
      },
    ]
    const port = await serve((n) => answers[n % answers.length])
    await expectSixtyAnswered(openLoop, port, 120)
  })

  it("reads node:http's own responses: chunked, Content-Length and Connection: close", async () => {
    let n = 0
    const server = createHttpServer((req, res) => {
      const kind = n++ % 3
      if (kind === 0) {
        res.write('{"part":')
        setTimeout(() => res.end('1}'), 1)
      } else if (kind === 1) res.end('{"whole":true}')
      else {
        res.setHeader('Connection', 'close')
        res.end('{}')
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as { port: number }
      await expectSixtyAnswered(openLoop, port, 150)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
