import { describe, expect, it } from 'vitest'
import { createConcurrencyGate, createRateLimiter, parseRateLimit } from './rate-limiter.js'

describe('createRateLimiter', () => {
  it('allows the burst, then says how long to wait, then refills', () => {
    let t = 0
    const rl = createRateLimiter({ perSecond: 2, burst: 2 }, () => t)
    expect([rl.take('a'), rl.take('a')]).toEqual([0, 0])
    expect(rl.take('a')).toBe(500)
    expect(rl.take('b')).toBe(0)
    t = 500
    expect(rl.take('a')).toBe(0)
  })
  it('never holds more keys than its cap, however many clients appear', () => {
    let t = 0
    const rl = createRateLimiter({ perSecond: 1 }, () => t, 100)
    for (let i = 0; i < 10_000; i++) {
      t += 1
      rl.take(`client-${i}`)
    }
    expect(rl.size).toBeLessThanOrEqual(100)
  })
})

describe('createConcurrencyGate', () => {
  it('caps in-flight calls per key and forgets idle keys', () => {
    const gate = createConcurrencyGate(2)
    expect([gate.enter('a'), gate.enter('a'), gate.enter('a')]).toEqual([true, true, false])
    gate.leave('a')
    expect(gate.enter('a')).toBe(true)
  })
})

describe('parseRateLimit', () => {
  it('reads N/s, N/m and N', () => {
    expect(parseRateLimit('10/s')).toEqual({ perSecond: 10 })
    expect(parseRateLimit('5')).toEqual({ perSecond: 5 })
    expect(parseRateLimit('120/m')).toEqual({ perSecond: 2, burst: 2 })
    expect(parseRateLimit('0/s')).toBeUndefined()
    expect(parseRateLimit('fast')).toBeUndefined()
  })
})
