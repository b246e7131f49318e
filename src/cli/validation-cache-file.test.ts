import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics.js'
import { MAX_ENTRIES, openValidationCache, STALE_PARSED_BYTES } from './validation-cache-file.js'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-vc-'))
  dirs.push(dir)
  return dir
}

const one: Diagnostic[] = [
  { code: 'SCHEMA_REQUIRED', severity: 'error', message: 'm', pointer: '/a', hint: 'h' },
]

describe('openValidationCache', () => {
  it('keeps entries across opens of the same build, in a file only this user can read', () => {
    const dir = tempDir()
    const build = join(dir, 'bundle.cjs')
    writeFileSync(build, 'code')
    const first = openValidationCache(dir, build)
    expect(first.get('k')).toBeUndefined()
    first.set('k', one)
    first.flush()
    expect(statSync(first.file).mode & 0o777).toBe(0o600)
    expect(openValidationCache(dir, build).get('k')).toEqual(one)
  })

  it('starts empty for another build and removes the files of earlier builds when it writes', () => {
    const dir = tempDir()
    const build = join(dir, 'bundle.cjs')
    writeFileSync(build, 'code')
    const old = openValidationCache(dir, build)
    old.set('k', one)
    old.flush()
    writeFileSync(build, 'new code')
    const next = openValidationCache(dir, build)
    expect(next.file).not.toBe(old.file)
    expect(next.get('k')).toBeUndefined()
    next.set('k', one)
    next.flush()
    expect(readdirSync(dir).filter((n) => n.startsWith('validation-'))).toEqual([
      next.file.slice(dir.length + 1),
    ])
  })

  it('treats a damaged or foreign file as empty and drops malformed entries', () => {
    const dir = tempDir()
    const cache = openValidationCache(dir, 'no-bundle')
    writeFileSync(
      cache.file,
      '{"entries": {"good": [{"code":"X","severity":"error","message":"m","pointer":""}], "bad": [{"code": 1}], "worse": 5}}',
    )
    const read = openValidationCache(dir, 'no-bundle')
    expect(read.get('good')).toHaveLength(1)
    expect(read.get('bad')).toBeUndefined()
    expect(read.get('worse')).toBeUndefined()
    writeFileSync(cache.file, 'not json')
    expect(openValidationCache(dir, 'no-bundle').get('good')).toBeUndefined()
  })

  it('holds at most MAX_ENTRIES files, the oldest giving way, and writes only after a change', () => {
    const dir = tempDir()
    const cache = openValidationCache(dir, 'no-bundle')
    cache.flush()
    expect(readdirSync(dir)).toEqual([])
    for (let i = 0; i <= MAX_ENTRIES; i++) cache.set(`k${i}`, [])
    expect(cache.get('k0')).toBeUndefined()
    expect(cache.get(`k${MAX_ENTRIES}`)).toEqual([])
  })

  it('keeps parsed files across opens, beside the diagnostics, and drops malformed ones', () => {
    const dir = tempDir()
    const first = openValidationCache(dir, 'no-bundle')
    first.setParsed('p', '{"a":1}')
    first.set('k', one)
    first.flush()
    const next = openValidationCache(dir, 'no-bundle')
    expect(next.getParsed('p')).toBe('{"a":1}')
    expect(next.get('k')).toEqual(one)
    writeFileSync(first.file, '{"entries": {}, "parsed": {"good": "{}", "bad": 5}}')
    const read = openValidationCache(dir, 'no-bundle')
    expect(read.getParsed('good')).toBe('{}')
    expect(read.getParsed('bad')).toBeUndefined()
  })

  it('keeps every parsed file this process used, and others only up to STALE_PARSED_BYTES, oldest first out', () => {
    const dir = tempDir()
    const big = 'x'.repeat(STALE_PARSED_BYTES / 4)
    const earlier = openValidationCache(dir, 'no-bundle')
    for (let i = 0; i < 6; i++) earlier.setParsed(`old${i}`, JSON.stringify(big + i))
    earlier.flush()
    const now = openValidationCache(dir, 'no-bundle')
    expect(now.getParsed('old0')).toBeDefined()
    now.setParsed('new', '{}')
    now.flush()
    const after = openValidationCache(dir, 'no-bundle')
    // old0 was read by the last process: kept although it is the oldest
    expect(
      ['old0', 'old1', 'old2', 'old3', 'old4', 'old5', 'new'].map(
        (k) => after.getParsed(k) !== undefined,
      ),
    ).toEqual([true, false, false, true, true, true, true])
  })
})
