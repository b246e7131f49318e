/**
 * Bare SDK baseline: low-level Server, createMcpHandler for 2026-07-28 and a plain session map for
 * 2025-11-25; the tool handler calls the upstream with undici and returns its text.
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import {
  createMcpHandler,
  isInitializeRequest,
  isLegacyRequest,
  Server,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server'
import { toNodeHandler } from '@modelcontextprotocol/node'
import { Pool } from 'undici'

const upstream = process.argv[2] ?? ''
const pool = new Pool(upstream, { connections: 128 })
const TOOLS = [
  {
    name: 'get-1k',
    description: 'Returns 1 KB JSON.',
    inputSchema: { type: 'object' as const, properties: {} },
  },
  {
    name: 'get-10k',
    description: 'Returns 10 KB JSON.',
    inputSchema: { type: 'object' as const, properties: {} },
  },
]

function createMcpServer(): Server {
  const server = new Server({ name: 'bare', version: '1.0.0' }, { capabilities: { tools: {} } })
  server.setRequestHandler('tools/list', () => ({ tools: TOOLS }))
  server.setRequestHandler('tools/call', async (request) => {
    const path = request.params.name === 'get-10k' ? '/json/10k' : '/json/1k'
    const up = await pool.request({ method: 'GET', path, headers: { accept: 'application/json' } })
    const text = await up.body.text()
    return {
      content: [{ type: 'text' as const, text }],
      structuredContent: JSON.parse(text) as Record<string, unknown>,
    }
  })
  return server
}

const modern = createMcpHandler(() => createMcpServer(), { legacy: 'reject' })
const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>()
const node = toNodeHandler({
  fetch: async (request: Request) => {
    const text = request.method === 'POST' ? await request.text() : ''
    const parsed: unknown = text ? JSON.parse(text) : undefined
    if (!(await isLegacyRequest(request, parsed)))
      return modern.fetch(request, { parsedBody: parsed })
    const id = request.headers.get('mcp-session-id')
    if (id === null && isInitializeRequest(parsed)) {
      const server = createMcpServer()
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => void sessions.set(sid, transport),
        onsessionclosed: (sid) => void sessions.delete(sid),
      })
      await server.connect(transport)
      return transport.handleRequest(request, { parsedBody: parsed })
    }
    const transport = id === null ? undefined : sessions.get(id)
    if (!transport)
      return new Response(
        '{"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"Session not found"}}',
        { status: 404 },
      )
    return transport.handleRequest(request, { parsedBody: parsed })
  },
})

const server = createServer((req, res) => void node(req, res))
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
