/** Benchmark upstream: fixed JSON bodies of 1 KB, 10 KB and 64 KB, and a 200 MB streamed JSON. */
import { createServer } from 'node:http'

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

const BODIES: Record<string, Buffer> = {
  '/json/1k': jsonOfSize(1024),
  '/json/10k': jsonOfSize(10 * 1024),
  '/json/64k': jsonOfSize(64 * 1024),
}
const BIG_BYTES = Number(process.env.BENCH_BIG_BYTES ?? 200 * 1024 * 1024)
const CHUNK = Buffer.from(`"${'y'.repeat(64 * 1024 - 3)}",`)

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!
  const body = BODIES[path]
  if (body) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
    res.end(body)
    return
  }
  if (path === '/big') {
    const chunks = Math.floor((BIG_BYTES - 5) / CHUNK.length)
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': chunks * CHUNK.length + 4,
    })
    res.write('[')
    let sent = 0
    const pump = (): void => {
      while (sent < chunks) {
        sent++
        if (!res.write(CHUNK)) return void res.once('drain', pump)
      }
      res.end('0]\n')
    }
    pump()
    return
  }
  res.writeHead(404, { 'content-type': 'application/json' })
  res.end('{"error":"not found"}')
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  )
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
// the orchestrator holds our stdin: when it goes away, so do we
process.stdin.on('end', () => process.exit(0)).resume()
