import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pruneStaleBuilds } from './native-generator.js'

describe('pruneStaleBuilds', () => {
  it("keeps the current build and files that are not builds, and removes earlier sources' builds, not one being written", () => {
    const dir = mkdtempSync(join(tmpdir(), 'capstan-bench-cache-'))
    for (const name of [
      'open-loop-aaaaaaaaaaaa',
      'open-loop-bbbbbbbbbbbb',
      'open-loop-cccc.123.tmp',
      'other',
    ])
      writeFileSync(join(dir, name), '')
    pruneStaleBuilds(dir, join(dir, 'open-loop-bbbbbbbbbbbb'))
    expect(readdirSync(dir).sort()).toEqual([
      'open-loop-bbbbbbbbbbbb',
      'open-loop-cccc.123.tmp',
      'other',
    ])
  })
})
