import { describe, expect, it } from 'vitest'
import { Server } from '@modelcontextprotocol/server'
import { DormantSession } from './legacy-session.js'
import { INIT_BODY } from '../../../test/mcp-conformance/mcp-test-kit.js'

const server = () => new Server({ name: 't', version: '1' }, { capabilities: { tools: {} } })

describe('a dormant 2025-11-25 session', () => {
  it('builds its SDK transport on first need, once, with the recorded handshake', async () => {
    let built = 0
    const session = new DormantSession('s-1', JSON.stringify(INIT_BODY), {
      createServer: () => (built++, server()),
      onClosed: () => undefined,
    })
    session.noteInitialized()
    expect(session.dormant).toBe(true)
    const [a, b] = await Promise.all([session.transport(), session.transport()])
    expect(a).toBe(b)
    expect(a.sessionId).toBe('s-1')
    expect({ built, dormant: session.dormant }).toEqual({ built: 1, dormant: false })
    await session.close()
    expect(session.closed).toBe(true)
  })

  it('tries again on its next request when building failed', async () => {
    let calls = 0
    const session = new DormantSession('s-2', JSON.stringify(INIT_BODY), {
      createServer: () => {
        if (++calls === 1) throw new Error('not now')
        return server()
      },
      onClosed: () => undefined,
    })
    await expect(session.transport()).rejects.toThrow('not now')
    expect((await session.transport()).sessionId).toBe('s-2')
    await session.close()
  })

  it('refuses to serve on a server that did not accept the recorded handshake', async () => {
    const broken = { ...INIT_BODY, params: { ...INIT_BODY.params, capabilities: 'none' } }
    const session = new DormantSession('s-3', JSON.stringify(broken), {
      createServer: server,
      onClosed: () => undefined,
    })
    await expect(session.transport()).rejects.toThrow('MCP session replay answered')
    await session.close()
  })
})
