import { describe, expect, it } from 'vitest'
import { createSessionStore } from './session-store.js'

describe('session store live count', () => {
  it('counts sessions not idle past the limit, without closing any', () => {
    let now = 0
    let closed = 0
    const store = createSessionStore({ idleMs: 100, maxSessions: 10, clock: () => now })
    const handle = { close: async () => void closed++ }
    store.add('a', handle)
    now = 50
    store.add('b', handle)
    expect(store.live()).toBe(2)
    now = 120
    expect(store.live()).toBe(1)
    expect(store.size).toBe(2)
    expect(closed).toBe(0)
    store.remove('b')
    expect(store.live()).toBe(0)
  })
})

describe('session store room for a new session', () => {
  it('closes the least recently used idle session, busy ones never, and names why', () => {
    let now = 0
    const closed: string[] = []
    const store = createSessionStore({
      idleMs: 100,
      maxSessions: 3,
      clock: () => now,
      onClose: (id, reason) => closed.push(`${id} ${reason}`),
    })
    const handle = { close: async () => undefined }
    for (const id of ['a', 'b', 'c']) store.add(id, handle)
    expect(store.acquire('a')).toBe(handle)
    expect(store.makeRoom()).toBe(true)
    expect(closed).toEqual(['b evicted'])
    now = 120
    store.add('d', handle)
    now = 150
    expect(store.makeRoom()).toBe(true)
    expect(closed).toEqual(['b evicted', 'c expired'])
    store.add('e', handle)
    expect(store.acquire('d')).toBe(handle)
    expect(store.acquire('e')).toBe(handle)
    expect(store.makeRoom()).toBe(false)
    expect(store.size).toBe(3)
  })
})
