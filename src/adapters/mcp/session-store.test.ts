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
