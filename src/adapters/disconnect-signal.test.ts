import { afterEach, describe, expect, it } from 'vitest'
import { createServer, request, Agent, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDisconnectSignals } from './disconnect-signal.js'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((resolve) => s.close(resolve))
  }
})

/** A loopback server that records each request's signal and answers when told to. */
async function start(cutByServer?: () => boolean) {
  const signalFor = createDisconnectSignals(cutByServer)
  const seen: { signal: AbortSignal; answer: () => void }[] = []
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ signal: signalFor(req), answer: () => res.end('ok') })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { seen, server, port: (server.address() as AddressInfo).port }
}

function get(port: number, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, agent }, (res) => res.resume().on('end', resolve))
      .on('error', reject)
      .end()
  })
}

describe('disconnect signals', () => {
  it('aborts when the client closes its connection before the answer', async () => {
    const { seen, port } = await start()
    const req = request({ host: '127.0.0.1', port }).on('error', () => undefined)
    req.end()
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1)
    expect(seen[0]!.signal.aborted).toBe(false)
    req.destroy()
    await expect.poll(() => seen[0]!.signal.aborted, { timeout: 5000 }).toBe(true)
  })

  it('stays quiet over finished requests of a kept-alive connection, then aborts with it', async () => {
    const { seen, port } = await start()
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    for (let i = 0; i < 3; i++) {
      const done = get(port, agent)
      await expect.poll(() => seen.length, { timeout: 5000 }).toBe(i + 1)
      seen[i]!.answer()
      await done
    }
    expect(new Set(seen.map((s) => s.signal)).size).toBe(1)
    expect(seen[0]!.signal.aborted).toBe(false)
    agent.destroy()
    await expect.poll(() => seen[0]!.signal.aborted, { timeout: 5000 }).toBe(true)
  })

  it('gives separate connections separate signals', async () => {
    const { seen, port } = await start()
    const [a, b] = [new Agent({ keepAlive: true }), new Agent({ keepAlive: true })]
    const first = get(port, a).catch(() => 'hung up')
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1)
    const second = get(port, b)
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2)
    expect(seen[0]!.signal).not.toBe(seen[1]!.signal)
    a.destroy()
    await expect(first).resolves.toBe('hung up')
    seen[1]!.answer()
    await second
    await expect.poll(() => seen[0]!.signal.aborted, { timeout: 5000 }).toBe(true)
    expect(seen[1]!.signal.aborted).toBe(false)
    b.destroy()
  })

  it('says who closed: the client, or the server cutting connections at shutdown', async () => {
    let cutting = false
    const { seen, server, port } = await start(() => cutting)
    const left = request({ host: '127.0.0.1', port }).on('error', () => undefined)
    left.end()
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1)
    left.destroy()
    await expect.poll(() => seen[0]!.signal.aborted, { timeout: 5000 }).toBe(true)
    expect(seen[0]!.signal.reason).toMatchObject({ code: 'CLIENT_CLOSED' })
    request({ host: '127.0.0.1', port })
      .on('error', () => undefined)
      .end()
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2)
    cutting = true
    server.closeAllConnections()
    await expect.poll(() => seen[1]!.signal.aborted, { timeout: 5000 }).toBe(true)
    expect(seen[1]!.signal.reason).toMatchObject({ code: 'SHUTTING_DOWN' })
  })
})
