/** A loopback upstream that records every request and answers from a handler (tests only). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: string
}

export type Reply = {
  status?: number
  body?: unknown
  headers?: Record<string, string>
  delayMs?: number
  raw?: string
}

export interface RecordingUpstream {
  readonly url: string
  readonly requests: RecordedRequest[]
  reply: (req: RecordedRequest) => Reply
  close(): Promise<void>
}

export async function startRecordingUpstream(
  reply: (req: RecordedRequest) => Reply = () => ({ status: 200, body: { ok: true } }),
): Promise<RecordingUpstream> {
  const state: { reply: (req: RecordedRequest) => Reply } = { reply }
  const requests: RecordedRequest[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(rec)
      const r = state.reply(rec)
      const send = () => {
        if (res.destroyed) return
        const payload = r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body))
        res.writeHead(r.status ?? 200, {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(r.headers ?? {}),
        })
        res.end(payload)
      }
      if (r.delayMs) setTimeout(send, r.delayMs).unref()
      else send()
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get reply() {
      return state.reply
    },
    set reply(fn) {
      state.reply = fn
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
