/** When `capstan run` asks V8 to start marking: parsed, refused with the flag's name, and yielding to node's own flags. */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { DEFAULT_GC_START_PERCENT, gcStartFlags, parseGcStartPercent } from './gc-start.js'

describe('full-collection start for capstan run', () => {
  it('defaults to 80% and takes a whole number from 0 to 99', () => {
    expect(parseGcStartPercent(undefined)).toBe(DEFAULT_GC_START_PERCENT)
    expect(parseGcStartPercent('')).toBe(80)
    expect(parseGcStartPercent('0')).toBe(0)
    expect(parseGcStartPercent('60')).toBe(60)
    for (const bad of ['-1', '100', '2.5', 'soon'])
      expect(parseGcStartPercent(bad)).toMatch(
        new RegExp(`--gc-start-percent must be a whole number from 0 to 99.*"${bad}"`),
      )
  })

  it('asks for a soft and a hard trigger, nothing at 0 or when node was given either', () => {
    expect(gcStartFlags(80, [])).toEqual([
      '--incremental-marking-soft-trigger=80',
      '--incremental-marking-hard-trigger=90',
    ])
    expect(gcStartFlags(61, [])[1]).toBe('--incremental-marking-hard-trigger=81')
    expect(gcStartFlags(0, [])).toEqual([])
    expect(gcStartFlags(80, ['--incremental-marking-hard-trigger=95'])).toEqual([])
    expect(gcStartFlags(80, ['--incremental_marking_soft_trigger', '50'])).toEqual([])
    expect(gcStartFlags(80, ['--max-old-space-size=512'])).toHaveLength(2)
  })

  it('asks for flags this Node accepts (node refuses an unknown V8 option)', () => {
    const run = spawnSync(process.execPath, [...gcStartFlags(80, []), '-e', ''], {
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const unknown = spawnSync(process.execPath, ['--incremental-marking-trigger=80', '-e', ''], {
      encoding: 'utf8',
    })
    expect(unknown.status).not.toBe(0)
  })
})
