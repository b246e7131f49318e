import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { expandPaths } from './expand-paths.js'
import { globToRegExp } from './glob-to-regexp.js'

const root = mkdtempSync(path.join(tmpdir(), 'capstan-expand-'))
for (const f of [
  'a.yaml',
  'b.yml',
  'notes.txt',
  'sub/c.yaml',
  'sub/deep/d.yml',
  '.hidden/e.yaml',
]) {
  mkdirSync(path.dirname(path.join(root, f)), { recursive: true })
  writeFileSync(path.join(root, f), 'naftiko: 1.0.0-alpha2\n')
}
afterAll(() => rmSync(root, { recursive: true, force: true }))
const abs = (...fs: string[]) => fs.map((f) => path.join(root, f))

describe('expandPaths', () => {
  it('takes a file as is, relative to cwd', async () => {
    const r = await expandPaths(['notes.txt'], { cwd: root })
    expect(r).toEqual({ files: abs('notes.txt'), diagnostics: [], explicit: abs('notes.txt') })
  })

  it('walks a directory recursively for *.yml and *.yaml, sorted, skipping dot-directories', async () => {
    const r = await expandPaths(['.'], { cwd: root })
    expect(r.files).toEqual(abs('a.yaml', 'b.yml', 'sub/c.yaml', 'sub/deep/d.yml'))
    expect(r.explicit).toEqual([])
  })

  it('expands globs with *, ** and ?', async () => {
    expect((await expandPaths(['*.yaml'], { cwd: root })).files).toEqual(abs('a.yaml'))
    expect((await expandPaths(['**/*.yml'], { cwd: root })).files).toEqual(
      abs('b.yml', 'sub/deep/d.yml'),
    )
    expect((await expandPaths([path.join(root, 'sub/**')], { cwd: '/' })).files).toEqual(
      abs('sub/c.yaml', 'sub/deep/d.yml'),
    )
    expect((await expandPaths(['?.y*ml'], { cwd: root })).files).toEqual(abs('a.yaml', 'b.yml'))
  })

  it('deduplicates files named twice', async () => {
    const r = await expandPaths(['a.yaml', '*.yaml'], { cwd: root })
    expect(r.files).toEqual(abs('a.yaml'))
  })

  it('names the argument that matched nothing', async () => {
    const glob = await expandPaths(['*.json'], { cwd: root })
    expect(glob.files).toEqual([])
    expect(glob.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['NO_CAPABILITY_FILES', 'error'],
    ])
    expect(glob.diagnostics[0]?.message).toContain("'*.json'")
    const missing = await expandPaths(['nope.yaml'], { cwd: root })
    expect(missing.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['FILE_NOT_FOUND', path.join(root, 'nope.yaml')],
    ])
  })
})

describe('globToRegExp', () => {
  it('keeps * inside one segment and lets **/ span zero or more', () => {
    expect(globToRegExp('*.yaml').test('a.yaml')).toBe(true)
    expect(globToRegExp('*.yaml').test('x/a.yaml')).toBe(false)
    expect(globToRegExp('**/*.yaml').test('a.yaml')).toBe(true)
    expect(globToRegExp('**/*.yaml').test('x/y/a.yaml')).toBe(true)
    expect(globToRegExp('a.(b)').test('a.(b)')).toBe(true)
    expect(globToRegExp('a.(b)').test('aX(b)')).toBe(false)
  })
})
