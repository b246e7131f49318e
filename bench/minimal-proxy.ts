/** The practical ceiling: node:http in, undici out, body piped through, no mapping at all. */
import { createServer } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { Pool } from 'undici'

const upstream = process.argv[2] ?? ''
const pool = new Pool(upstream, { connections: 128 })
const server = createServer((req, res) => {
  const path = (req.url ?? '/').replace(/^\/v1/, '')
  pool
    .request({ method: 'GET', path, headers: { accept: 'application/json' } })
    .then(async (up) => {
      res.writeHead(up.statusCode, {
        'content-type': String(up.headers['content-type'] ?? 'application/json'),
      })
      await pipeline(up.body, res)
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
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
