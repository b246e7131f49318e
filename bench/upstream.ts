/**
 * Benchmark upstream: fixed JSON bodies of 1 KB, 10 KB and 64 KB, and a 200 MB streamed JSON.
 * Each answer is one prebuilt buffer written on a plain socket (`./request-reader.ts` frames the
 * requests): with node:http it used about a sixth of a core at the REST latency rates, CPU the
 * engine under test and the load generator then waited for on this two-core machine.
 */
import { createServer, type Socket } from 'node:net'
import { RequestReader } from './request-reader.js'

function jsonOfSize(bytes: number): Buffer {
  const items: string[] = []
  let text = '{"items":[]}'
  for (let i = 0; text.length < bytes; i++) {
    items.push(`{"id":${i},"name":"item-${i}","ok":true}`)
    text = `{"items":[${items.join(',')}]}`
  }
  const pad = bytes - text.length
  return Buffer.from(
    pad > 0 ? `{"pad":"${'x'.repeat(Math.max(0, pad - 10))}",${text.slice(1)}` : text,
  )
}

function head(status: string, length: number): string {
  return `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nKeep-Alive: timeout=60\r\n\r\n`
}

function answer(status: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(head(status, body.length), 'latin1'), body])
}

const ANSWERS = new Map<string, Buffer>([
  ['/json/1k', answer('200 OK', jsonOfSize(1024))],
  ['/json/10k', answer('200 OK', jsonOfSize(10 * 1024))],
  ['/json/64k', answer('200 OK', jsonOfSize(64 * 1024))],
])
const NOT_FOUND = answer('404 Not Found', Buffer.from('{"error":"not found"}'))
const BIG_BYTES = Number(process.env.BENCH_BIG_BYTES ?? 200 * 1024 * 1024)
const CHUNK = Buffer.from(`"${'y'.repeat(64 * 1024 - 3)}",`)

/** Streams the big body with backpressure, then calls `done`. */
function sendBig(socket: Socket, done: () => void): void {
  const chunks = Math.floor((BIG_BYTES - 5) / CHUNK.length)
  socket.write(head('200 OK', chunks * CHUNK.length + 4) + '[', 'latin1')
  let sent = 0
  const pump = (): void => {
    while (sent < chunks) {
      sent++
      if (!socket.write(CHUNK)) return void socket.once('drain', pump)
    }
    socket.write('0]\n')
    done()
  }
  pump()
}

const server = createServer({ noDelay: true }, (socket) => {
  // requests pipelined behind a streaming answer wait for it
  const queued: string[] = []
  let streaming = false
  const next = (): void => {
    while (!streaming && queued.length > 0) {
      const path = queued.shift()!.split('?')[0]!
      if (path === '/big') {
        streaming = true
        sendBig(socket, () => {
          streaming = false
          next()
        })
      } else socket.write(ANSWERS.get(path) ?? NOT_FOUND)
    }
  }
  const reader = new RequestReader((target) => {
    queued.push(target)
    next()
  })
  socket.on('data', (chunk: Buffer) => {
    try {
      reader.feed(chunk)
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    }
  })
  socket.on('error', () => socket.destroy())
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  )
})
process.on('SIGTERM', () => process.exit(0))
// the orchestrator holds our stdin: when it goes away, so do we
process.stdin.on('end', () => process.exit(0)).resume()
