import { describe, it, expect, afterEach, vi } from 'vitest'
import { DeadlineSweep, type Watched } from './deadline-sweep.js'

afterEach(() => void vi.useRealTimers())

function call(name: string, expired: string[]): Watched {
  return {
    deadline: 0,
    prevWatched: undefined,
    nextWatched: undefined,
    watched: false,
    expire: () => void expired.push(name),
  }
}

describe('DeadlineSweep', () => {
  it('expires a call once its deadline has passed, within one period, and only that call', () => {
    vi.useFakeTimers()
    const sweep = new DeadlineSweep([100], () => Date.now())
    const expired: string[] = []
    const slow = call('slow', expired)
    const fast = call('fast', expired)
    sweep.arm(slow, 100)
    sweep.arm(fast, 300)
    vi.advanceTimersByTime(90)
    expect(expired).toEqual([])
    vi.advanceTimersByTime(20)
    expect(expired).toEqual(['slow'])
    expect(slow.watched).toBe(false)
    vi.advanceTimersByTime(200)
    expect(expired).toEqual(['slow', 'fast'])
    sweep.close()
  })

  it('re-arming pushes the deadline back (a body that keeps arriving is not cut)', () => {
    vi.useFakeTimers()
    const sweep = new DeadlineSweep([100], () => Date.now())
    const expired: string[] = []
    const body = call('body', expired)
    sweep.arm(body, 100)
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(60)
      sweep.arm(body, 100)
    }
    expect(expired).toEqual([])
    vi.advanceTimersByTime(120)
    expect(expired).toEqual(['body'])
    sweep.close()
  })

  it('never expires a suspended or removed call, and times again once re-armed', () => {
    vi.useFakeTimers()
    const sweep = new DeadlineSweep([50], () => Date.now())
    const expired: string[] = []
    const held = call('held', expired)
    const done = call('done', expired)
    const other = call('other', expired)
    sweep.arm(held, 50)
    sweep.arm(done, 50)
    sweep.arm(other, 50)
    sweep.suspend(held)
    sweep.remove(done)
    vi.advanceTimersByTime(500)
    expect(expired).toEqual(['other'])
    sweep.arm(held, 50)
    vi.advanceTimersByTime(60)
    expect(expired).toEqual(['other', 'held'])
    sweep.close()
  })

  it('restarts after the list was empty, and a timeout of 0 never expires', () => {
    vi.useFakeTimers()
    const sweep = new DeadlineSweep([0, 40], () => Date.now())
    const expired: string[] = []
    sweep.arm(call('first', expired), 40)
    vi.advanceTimersByTime(100)
    expect(expired).toEqual(['first'])
    vi.advanceTimersByTime(1_000)
    sweep.arm(call('untimed', expired), 0)
    sweep.arm(call('second', expired), 40)
    vi.advanceTimersByTime(100)
    expect(expired).toEqual(['first', 'second'])
    vi.advanceTimersByTime(10_000)
    expect(expired).toEqual(['first', 'second'])
    sweep.close()
  })

  it('keeps sweeping the rest when expiring one call removes or adds others', () => {
    vi.useFakeTimers()
    const sweep = new DeadlineSweep([50], () => Date.now())
    const expired: string[] = []
    const late = call('late', expired)
    const retry = call('retry', expired)
    const first: Watched = {
      ...call('first', expired),
      expire: () => {
        expired.push('first')
        sweep.arm(retry, 50)
      },
    }
    sweep.arm(late, 50)
    sweep.arm(first, 50)
    vi.advanceTimersByTime(60)
    expect(expired).toEqual(['first', 'late'])
    vi.advanceTimersByTime(60)
    expect(expired).toEqual(['first', 'late', 'retry'])
    sweep.close()
  })
})
