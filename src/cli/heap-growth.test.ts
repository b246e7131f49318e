/** The heap growth `capstan run` asks V8 for: parsed, refused with the flag's name, and yielding to node's own flag. */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_HEAP_GROWING_PERCENT,
  heapGrowthFlag,
  parseHeapGrowingPercent,
} from './heap-growth.js'

describe('heap growth for capstan run', () => {
  it('defaults to 300% and takes a whole number from 0 to 1000', () => {
    expect(parseHeapGrowingPercent(undefined)).toBe(DEFAULT_HEAP_GROWING_PERCENT)
    expect(parseHeapGrowingPercent('')).toBe(300)
    expect(parseHeapGrowingPercent('0')).toBe(0)
    expect(parseHeapGrowingPercent('150')).toBe(150)
    for (const bad of ['-1', '1001', '2.5', 'lots'])
      expect(parseHeapGrowingPercent(bad)).toMatch(
        new RegExp(`--heap-growing-percent must be a whole number from 0 to 1000.*"${bad}"`),
      )
  })

  it('asks for nothing at 0 or when node was started with the flag itself', () => {
    expect(heapGrowthFlag(300, [])).toBe('--heap-growing-percent=300')
    expect(heapGrowthFlag(0, [])).toBeUndefined()
    expect(heapGrowthFlag(300, ['--heap-growing-percent=50'])).toBeUndefined()
    expect(heapGrowthFlag(300, ['--heap_growing_percent', '50'])).toBeUndefined()
    expect(heapGrowthFlag(300, ['--heap_growing_percent=50'])).toBeUndefined()
    expect(heapGrowthFlag(300, ['--max-old-space-size=512'])).toBe('--heap-growing-percent=300')
  })

  it('is a flag this Node accepts (node refuses an unknown V8 option)', () => {
    const run = spawnSync(process.execPath, [heapGrowthFlag(300, [])!, '-e', ''], {
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const unknown = spawnSync(process.execPath, ['--heap-growing-percentage=300', '-e', ''], {
      encoding: 'utf8',
    })
    expect(unknown.status).not.toBe(0)
  })
})
