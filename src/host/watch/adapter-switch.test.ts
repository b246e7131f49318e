import { describe, expect, it } from 'vitest'
import type { HttpAdapter } from '../../adapters/adapter.js'
import type { ListenerPlan } from '../plan-listeners.js'
import { createAdapterSwitch } from './adapter-switch.js'

const adapter = (name: string): HttpAdapter & { closed: boolean } => ({
  type: 'rest',
  closed: false,
  handle: () => true,
  describe: () => [name],
  async close() {
    this.closed = true
  },
})
const listener = (port: number): ListenerPlan => ({
  port,
  rest: [{ namespace: 'ns' } as never],
  mcp: [],
  control: [],
  skill: [],
})

describe('adapter switch', () => {
  it('routes to the new target after a swap and hands back the old one to close', () => {
    const sw = createAdapterSwitch()
    const old = adapter('old')
    const wrapped = sw.wrap(old, listener(8080))
    expect(wrapped.describe()).toEqual(['old'])
    const next = adapter('new')
    // The new generation listens elsewhere; slots match by type and namespaces, not port.
    const retired = sw.swap(new Map([['rest ns', next]]))
    expect(retired).toEqual([old])
    expect(wrapped.describe()).toEqual(['new'])
    expect(old.closed).toBe(false)
  })

  it('leaves a slot alone when the new generation has no adapter for it', () => {
    const sw = createAdapterSwitch()
    const old = adapter('old')
    const wrapped = sw.wrap(old, listener(8080))
    expect(sw.swap(new Map())).toEqual([])
    expect(wrapped.describe()).toEqual(['old'])
  })
})
