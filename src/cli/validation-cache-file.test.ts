import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics.js'
import { MAX_ENTRIES, openValidationCache } from './validation-cache-file.js'

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
})
