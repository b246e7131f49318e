import { createServer } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ResponseReader } from './response-reader.js'

type Seen = Array<[number, boolean]>

function readAll(bytes: Buffer, cuts: number[], closeAtEnd = false): Seen {
  const seen: Seen = []
  const reader = new ResponseReader((status, closes) => seen.push([status, closes]))
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    reader.feed(bytes.subarray(from, cut))
    from = cut
  }
  if (closeAtEnd) reader.end()
  return seen
}

/** Every way of splitting the bytes in two, and byte by byte. */
function everySplit(bytes: Buffer, closeAtEnd = false): Seen[] {
  const results: Seen[] = []
  for (let cut = 0; cut <= bytes.length; cut++) results.push(readAll(bytes, [cut], closeAtEnd))
  results.push(
    readAll(
      bytes,
      Array.from({ length: bytes.length }, (_, i) => i),
      closeAtEnd,
    ),
  )
  return results
}

/** The raw bytes a real node:http server sends for three keep-alive requests on one connection. */
async function rawFromNodeHttp(): Promise<Buffer> {
  const server = createServer((req, res) => {
    if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"a":')
      res.write('1')
      res.end('}')
    } else if (req.url === '/missing') {
      res.writeHead(404, { 'content-length': 9 })
      res.end('not found')
    } else {
      res.writeHead(201, { 'content-length': 2 })
      res.end('{}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const chunks: Buffer[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1')
      const request = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`
      socket.write(request('/chunked') + request('/missing') + request('/length'))
      let answered = 0
      const reader = new ResponseReader(() => {
        if (++answered === 3) socket.end()
      })
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        reader.feed(chunk)
      })
      socket.on('close', () => resolve())
      socket.on('error', reject)
    })
  } finally {
    server.close()
  }
  return Buffer.concat(chunks)
}

describe('ResponseReader', () => {
  it('finds each response a real node:http server sends, chunked or with a length, however the bytes are split', async () => {
    const raw = await rawFromNodeHttp()
    expect(raw.toString('latin1')).toContain('Transfer-Encoding: chunked')
    for (const seen of everySplit(raw))
      expect(seen).toEqual([
        [200, false],
        [404, false],
        [201, false],
      ])
  })

  it('skips interim responses, completes bodiless statuses and reports a closing server', () => {
    const raw = Buffer.from(
      'HTTP/1.1 100 Continue\r\n\r\n' +
        'HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n' +
        'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nx-trailer: 1\r\n\r\n' +
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
    )
    for (const seen of everySplit(raw))
      expect(seen).toEqual([
        [204, false],
        [200, false],
        [503, true],
      ])
  })

  it('completes a response without a length when the server closes the connection', () => {
    const raw = Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody until close')
    for (const seen of everySplit(raw, true)) expect(seen).toEqual([[200, true]])
    expect(readAll(raw, [], false)).toEqual([])
  })

  it('rejects bytes that are not an HTTP/1.x response and a bad chunk size', () => {
    expect(() => readAll(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'), [])).toThrow(/not an HTTP\/1.x/)
    expect(() =>
      readAll(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'), []),
    ).toThrow(/bad chunk size/)
  })
})
