import { spawn } from 'node:child_process'
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { LoadResult } from './load-result.js'

const servers: Server[] = []
const sockets: Socket[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

/** A loopback server answering each request with `answer(n)` (the nth request), or never. */
async function serve(answer: (n: number) => string | undefined): Promise<number> {
  let n = 0
  const server = createServer((socket) => {
    sockets.push(socket)
    socket.on('data', (chunk: Buffer) => {
      for (const _ of chunk.toString('latin1').matchAll(/\r\n\r\n/g)) {
        const text = answer(n++)
        if (text !== undefined) socket.write(text)
      }
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

/** Runs the generator as the bench does (its own process) and returns what it prints. */
function openLoop(spec: object): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/open-loop.ts', JSON.stringify(spec)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`exit ${code}`)),
    )
  })
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'
const MISSING = 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'

describe('open-loop generator', () => {
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
})
