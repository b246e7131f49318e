import { describe, it, expect, afterEach, vi } from 'vitest'
import { DeadlineSweep, type Watched } from './deadline-sweep.js'

const sweeps: DeadlineSweep[] = []
afterEach(() => {
  for (const sweep of sweeps.splice(0)) sweep.close()
  vi.useRealTimers()
})

/** A sweep on fake timers, and calls that record their name in `expired` when they expire. */
function fixture(timeoutsMs: number[]) {
  vi.useFakeTimers()
  const sweep = new DeadlineSweep(timeoutsMs, () => Date.now())
  sweeps.push(sweep)
  const expired: string[] = []
  const call = (name: string): Watched => ({
    deadline: 0,
    prevWatched: undefined,
    nextWatched: undefined,
    watched: false,
    expire: () => void expired.push(name),
  })
  return { sweep, expired, call }
}

describe('DeadlineSweep', () => {
  it('expires a call once its deadline has passed, within one period, and only that call', () => {
    const { sweep, expired, call } = fixture([100])
    const slow = call('slow')
    const fast = call('fast')
    sweep.arm(slow, 100)
    sweep.arm(fast, 300)
    vi.advanceTimersByTime(90)
    expect(expired).toEqual([])
    vi.advanceTimersByTime(20)
    expect(expired).toEqual(['slow'])
    expect(slow.watched).toBe(false)
    vi.advanceTimersByTime(200)
    expect(expired).toEqual(['slow', 'fast'])
  })

  it('re-arming pushes the deadline back (a body that keeps arriving is not cut)', () => {
    const { sweep, expired, call } = fixture([100])
    const body = call('body')
    sweep.arm(body, 100)
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(60)
      sweep.arm(body, 100)
    }
    expect(expired).toEqual([])
    vi.advanceTimersByTime(120)
    expect(expired).toEqual(['body'])
  })

  it('never expires a suspended or removed call, and times again once re-armed', () => {
    const { sweep, expired, call } = fixture([50])
    const held = call('held')
    const done = call('done')
    const other = call('other')
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
  })

  it('restarts after the list was empty, and a timeout of 0 never expires', () => {
    const { sweep, expired, call } = fixture([0, 40])
    sweep.arm(call('first'), 40)
    vi.advanceTimersByTime(100)
    expect(expired).toEqual(['first'])
    vi.advanceTimersByTime(1_000)
    sweep.arm(call('untimed'), 0)
    sweep.arm(call('second'), 40)
    vi.advanceTimersByTime(100)
    expect(expired).toEqual(['first', 'second'])
    vi.advanceTimersByTime(10_000)
    expect(expired).toEqual(['first', 'second'])
  })

  it('keeps sweeping the rest when expiring one call removes or adds others', () => {
    const { sweep, expired, call } = fixture([50])
    const late = call('late')
    const retry = call('retry')
    const first: Watched = {
      ...call('first'),
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
  })
})
