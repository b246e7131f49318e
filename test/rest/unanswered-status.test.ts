/** The status a request is logged with when it ends without a response: who closed the connection. */
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/cli/start-engine.js'
import { startTestServer, type TestServer } from '../../src/runtime/transport/test-server.js'
import { collectLogs } from '../support/collect-logs.js'
import { engineFor } from '../support/engine-for.js'

const CAP = `naftiko: 1.0.0-alpha2
info: {label: Unanswered, description: requests that end without a response}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://placeholder.invalid
      resources:
        - {name: hang, path: /hang, operations: [{name: hang, method: GET}]}
        - name: put
          path: /put
          operations: [{name: put, method: PUT, inputParameters: [{name: body, in: body}]}]
  exposes:
    - type: rest
      namespace: api
      port: 8081
      resources:
        - {path: /hang, operations: [{method: GET, name: hang, call: up.hang}]}
        - {path: /put, operations: [{method: PUT, name: put, call: up.put, with: {body: api.body}}]}
`

let upstream: TestServer
let engine: Engine
const logs = collectLogs()
let port = 0
/** How each upstream call ended, as the metrics and traces see it. */
const upstreamEnds: Array<string | undefined> = []

beforeAll(async () => {
  // /hang is never answered; anything else at once
  upstream = await startTestServer((req, res) => void (req.url === '/hang' || res.end('{}')))
  engine = await engineFor(CAP, {
    env: {},
    upstreams: new Map([['*', upstream.origin]]),
    restPort: 0,
    requestTimeoutMs: 400,
    headersTimeoutMs: 300,
    shutdownGraceMs: 200,
    logDestination: logs.stream,
    observer: {
      onUpstreamStart: () => true,
      onUpstreamEnd: (_token, info) => void upstreamEnds.push(info.errorCode),
    },
  })
  port = Number(new URL(engine.host.listeners[0]!.url).port)
})

afterAll(async () => {
  await engine?.close()
  await upstream?.close()
})

/** Access-log lines for `path`, in order. */
const logged = (path: string) =>
  logs.lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l['msg'] === 'request' && l['path'] === path)

/** A raw connection that sends `text` as is (pipelining, a body cut short). */
function send(text: string): { socket: Socket; received: () => string } {
  let received = ''
  const socket = connect(port, '127.0.0.1')
  socket.on('data', (d) => (received += String(d)))
  socket.on('error', () => undefined)
  socket.write(text)
  return { socket, received: () => received }
}

const GET_HANG = 'GET /hang HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n'

describe('a request that ends without a response', () => {
  it('is 499 CLIENT_CLOSED for each pipelined request its client left, and none stays in flight', async () => {
    const before = logged('/hang').length
    const { socket } = send(GET_HANG + GET_HANG)
    await expect.poll(() => engine.host.inFlight()).toBe(2)
    socket.destroy()
    await expect.poll(() => logged('/hang').length).toBe(before + 2)
    for (const line of logged('/hang').slice(before))
      expect(line).toMatchObject({ status: 499, errorCode: 'CLIENT_CLOSED' })
    expect(engine.host.inFlight()).toBe(0)
  })

  it('is what the server answered, not 499, when the server cut a request too slow to arrive', async () => {
    const { socket, received } = send(
      'PUT /put HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{"a":',
    )
    await expect.poll(() => logged('/put').length, { timeout: 3000 }).toBe(1)
    socket.destroy()
    expect(received()).toMatch(/^HTTP\/1\.1 408 /)
    expect(logged('/put')[0]!['status']).toBe(408)
    expect(logged('/put')[0]!['errorCode']).toBeUndefined()
  })

  it('sends nothing after a response already sent when the rest of that request never arrives', async () => {
    // answered at once (no route), while the declared body is still on its way
    const { socket, received } = send(
      'PUT /nowhere HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{"a":',
    )
    await expect.poll(received).toMatch(/^HTTP\/1\.1 404 /)
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    await closed
    // the connection is closed at the request timeout, without a second, unsolicited response
    expect(received().match(/HTTP\/1\.1 /g)).toHaveLength(1)
  })

  it('answers headers too large with 431, as Node does', async () => {
    const { socket, received } = send(
      `GET /hang HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    )
    await expect.poll(received).toMatch(/^HTTP\/1\.1 431 /)
    socket.destroy()
  })

  it('is not blamed on the client when shutdown cuts it after the grace period', async () => {
    const before = logged('/hang').length
    const ends = upstreamEnds.length
    const busy = engine.host.inFlight()
    const { socket } = send(GET_HANG)
    await expect.poll(() => engine.host.inFlight()).toBe(busy + 1)
    await engine.close()
    socket.destroy()
    expect(logged('/hang').length).toBe(before + 1)
    const line = logged('/hang').at(-1)!
    expect(line['status']).toBe(503)
    expect(line['errorCode']).toBe('SHUTTING_DOWN')
    // the upstream call it was waiting for is cancelled as the server's doing, not the client's
    expect(upstreamEnds.slice(ends)).toEqual(['SHUTTING_DOWN'])
  })
})
