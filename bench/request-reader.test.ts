import { Agent, request } from 'node:http'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { RequestReader } from './request-reader.js'

function readAll(bytes: Buffer, cuts: number[]): string[] {
  const seen: string[] = []
  const reader = new RequestReader((target) => seen.push(target))
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    reader.feed(bytes.subarray(from, cut))
    from = cut
  }
  return seen
}

/** The bytes node:http's client sends for a GET and a POST with a body, on one keep-alive socket. */
async function rawFromNodeHttpClient(): Promise<Buffer> {
  const chunks: Buffer[] = []
  const server = createServer((socket) => {
    let answered = 0
    const reader = new RequestReader(() => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')
      if (++answered === 2) socket.end()
    })
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      reader.feed(chunk)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const send = (method: string, path: string, body?: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method, path, agent }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', reject)
      req.end(body)
    })
  try {
    await send('GET', '/json/1k?x=1')
    await send('POST', '/json/10k', 'GET /not-a-request HTTP/1.1\r\n\r\n')
  } finally {
    agent.destroy()
    server.close()
  }
  return Buffer.concat(chunks)
}

describe('RequestReader', () => {
  it('finds each request node:http sends and skips bodies, however the bytes are split', async () => {
    const raw = await rawFromNodeHttpClient()
    expect(raw.toString('latin1')).toContain('Content-Length: 31')
    for (let cut = 0; cut <= raw.length; cut++)
      expect(readAll(raw, [cut])).toEqual(['/json/1k?x=1', '/json/10k'])
    expect(
      readAll(
        raw,
        Array.from({ length: raw.length }, (_, i) => i),
      ),
    ).toEqual(['/json/1k?x=1', '/json/10k'])
  })

  it('rejects what it cannot frame: a chunked body, a line that is not HTTP/1.x, an endless head', () => {
    expect(() =>
      readAll(Buffer.from('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n'), []),
    ).toThrow(/chunked/)
    expect(() => readAll(Buffer.from('PRI * HTTP/2.0\r\n\r\n'), [])).toThrow(/not an HTTP\/1.x/)
    expect(() => readAll(Buffer.alloc(20_000, 'a'), [])).toThrow(/too large/)
  })
})
