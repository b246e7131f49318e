import { describe, expect, it } from 'vitest'
import { createSessionStore } from './session-store.js'

describe('session store live count', () => {
  it('counts sessions not idle past the limit, without closing any', () => {
    let now = 0
    let closed = 0
    const store = createSessionStore({ idleMs: 100, maxSessions: 10, clock: () => now })
    const handle = { close: async () => void closed++ }
    store.add('a', handle, 'x')
    now = 50
    store.add('b', handle, 'x')
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
    for (const id of ['a', 'b', 'c']) store.add(id, handle, 'x')
    expect(store.acquire('a')).toBe(handle)
    expect(store.makeRoom('x')).toBe(true)
    expect(closed).toEqual(['b evicted'])
    now = 120
    store.add('d', handle, 'x')
    now = 150
    expect(store.makeRoom('x')).toBe(true)
    expect(closed).toEqual(['b evicted', 'c expired'])
    store.add('e', handle, 'x')
    expect(store.acquire('d')).toBe(handle)
    expect(store.acquire('e')).toBe(handle)
    expect(store.makeRoom('x')).toBe(false)
    expect(store.size).toBe(3)
  })
})

describe('session store under an initialize flood', () => {
  it("makes room from the client holding the most sessions, so one client's flood evicts only its own", () => {
    const closed: string[] = []
    const store = createSessionStore({
      idleMs: 60_000,
      maxSessions: 4,
      clock: () => 0,
      onClose: (id) => closed.push(id),
    })
    const handle = { close: async () => undefined }
    store.add('ann-1', handle, 'ann')
    store.add('bob-1', handle, 'bob')
    for (let i = 1; i <= 20; i++) {
      expect(store.makeRoom('flood')).toBe(true)
      store.add(`flood-${i}`, handle, 'flood')
    }
    expect(store.acquire('ann-1')).toBe(handle)
    expect(store.acquire('bob-1')).toBe(handle)
    store.release('ann-1')
    store.release('bob-1')
    // the flood's own oldest went first; the two others were never touched
    expect(closed).toEqual(Array.from({ length: 18 }, (_, i) => `flood-${i + 1}`))
    expect(store.size).toBe(4)
    // a newcomer takes from the heaviest client too, not from ann or bob
    expect(store.makeRoom('cy')).toBe(true)
    expect(closed.at(-1)).toBe('flood-19')
  })

  it("falls back to any idle session when the heaviest client's are all busy", () => {
    const closed: string[] = []
    const store = createSessionStore({
      idleMs: 60_000,
      maxSessions: 3,
      clock: () => 0,
      onClose: (id) => closed.push(id),
    })
    const handle = { close: async () => undefined }
    store.add('ann-1', handle, 'ann')
    store.add('bob-1', handle, 'bob')
    store.add('bob-2', handle, 'bob')
    store.acquire('bob-1')
    store.acquire('bob-2')
    expect(store.makeRoom('cy')).toBe(true)
    expect(closed).toEqual(['ann-1'])
  })
})
