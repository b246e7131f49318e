import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableCompileCache, type ModuleClass } from './compile-cache.js'

let dir: string
let root: string
let cacheDir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capstan-cc-test-'))
  root = join(dir, 'dist')
  cacheDir = join(dir, 'cache')
  mkdirSync(root)
  writeFileSync(join(root, 'a.cjs'), 'module.exports = { twice: (n) => n * 2, dir: __dirname }')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A stand-in for node:module's Module: what the loader would call, without touching the real one. */
function fakeModuleClass(): ModuleClass & { original: string[] } {
  const original: string[] = []
  return {
    original,
    prototype: {
      _compile(_content: string, filename: string) {
        original.push(filename)
      },
    },
    _resolveFilename: (request: string) => request,
    _cache: {},
  }
}

/** What Node's loader does with a file: hands its text to `_compile`. */
function load(moduleClass: ModuleClass, filename: string): void {
  const mod = { exports: {}, require: (id: string) => id }
  moduleClass.prototype._compile.call(mod, readFileSync(filename, 'utf8'), filename)
}

const HERE = import.meta.dirname

/** One `capstan` start in miniature: a fresh Node process with the hook on the real loader. */
function start({ call = true, all = false, flags = '', seal = false } = {}): {
  answer: number | null
  dir: string
  kind: string
  hits: number
} {
  const script = `
    import { createRequire } from 'node:module'
    import { enableCompileCache } from ${JSON.stringify(join(HERE, 'compile-cache.ts'))}
    const cache = enableCompileCache({ root: ${JSON.stringify(root)}, setting: ${JSON.stringify(cacheDir)} })
    import v8 from 'node:v8'
    const a = createRequire(import.meta.url)(${JSON.stringify(join(root, 'a.cjs'))})
    if (${seal}) cache.seal()
    if (${JSON.stringify(flags)}) v8.setFlagsFromString(${JSON.stringify(flags)})
    const answer = ${call} ? a.twice(21) : null
    cache.flush({ all: ${all} })
    console.log(JSON.stringify({ answer, dir: a.dir, kind: cache.kind, hits: cache.hits() }))`
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  )
  return JSON.parse(out) as { answer: number | null; dir: string; kind: string; hits: number }
}

describe('enableCompileCache (Node 20 hook)', () => {
  // each start is its own process: within one, V8 reuses what it compiled and never reads the cache
  it('compiles the bundle, writes its code cache, and the next start compiles from the cache', () => {
    expect(start()).toEqual({ answer: 42, dir: root, kind: 'hook', hits: 0 })
    expect(readdirSync(cacheDir)).toHaveLength(1)
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
    expect(start()).toEqual({ answer: 42, dir: root, kind: 'hook', hits: 1 })
  })

  it('falls back to compiling when the cached data is damaged, and replaces it', () => {
    start()
    const [entry] = readdirSync(cacheDir)
    writeFileSync(join(cacheDir, entry!), 'not V8 code cache')
    expect(start()).toMatchObject({ answer: 42, hits: 0 })
    expect(start()).toMatchObject({ answer: 42, hits: 1 })
  })

  it('adds what a later run compiled when it flushes everything (at exit)', () => {
    writeFileSync(
      join(root, 'a.cjs'),
      [
        'function twice(n) {',
        '  const parts = [n, n]',
        '  let sum = 0',
        '  for (const p of parts) sum += p',
        '  return sum',
        '}',
        'module.exports = { twice, dir: __dirname }',
      ].join('\n'),
    )
    start({ call: false })
    const [entry] = readdirSync(cacheDir)
    const before = statSync(join(cacheDir, entry!)).size
    start({ all: false })
    expect(statSync(join(cacheDir, entry!)).size).toBe(before)
    start({ all: true })
    // the second run compiled twice() lazily; its cache now carries that code too
    expect(statSync(join(cacheDir, entry!)).size).toBeGreaterThan(before)
  })

  it("removes earlier builds' cached code unused for two weeks when it flushes everything", () => {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 })
    const month = (Date.now() - 30 * 24 * 3600 * 1000) / 1000
    const plant = (name: string, old: boolean) => {
      writeFileSync(join(cacheDir, name), 'x')
      if (old) utimesSync(join(cacheDir, name), month, month)
    }
    plant('0'.repeat(40), true)
    plant('1'.repeat(40), false)
    plant('notes.txt', true)
    start({ all: false })
    expect(readdirSync(cacheDir)).toContain('0'.repeat(40))
    start({ all: true })
    const left = readdirSync(cacheDir)
    expect(left).not.toContain('0'.repeat(40))
    expect(left).toContain('1'.repeat(40))
    expect(left).toContain('notes.txt')
    // the entry this start used stays, and the next start still compiles from it
    expect(left.filter((n) => /^[0-9a-f]{40}$/.test(n))).toHaveLength(2)
    expect(start()).toMatchObject({ answer: 42, hits: 1 })
  })

  it('keeps its cache usable when a V8 flag changes after loading, by sealing it first', () => {
    const flags = '--heap-growing-percent=300'
    start({ flags, all: true })
    // V8 stamps cached data with the flags in force: data written after the change is refused
    expect(start({ flags, all: true })).toMatchObject({ answer: 42, hits: 0 })
    start({ flags, seal: true, all: true })
    expect(start({ flags, seal: true, all: true })).toMatchObject({ answer: 42, hits: 1 })
    expect(start({ flags, seal: true, all: true })).toMatchObject({ answer: 42, hits: 1 })
  })

  it('writes nothing after sealing, yet keeps the entries it used from pruning', () => {
    start({ call: false })
    const [entry] = readdirSync(cacheDir)
    const path = join(cacheDir, entry!)
    const month = (Date.now() - 30 * 24 * 3600 * 1000) / 1000
    utimesSync(path, month, month)
    const before = readFileSync(path)
    // twice() compiles after the seal: an unsealed flush({ all }) would add it to the entry
    start({ seal: true, all: true })
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(Date.now() - statSync(path).mtimeMs).toBeLessThan(60_000)
  })

  it('compiles afresh when the file changes', () => {
    start()
    writeFileSync(join(root, 'a.cjs'), 'module.exports = { twice: (n) => n * 3, dir: __dirname }')
    expect(start()).toMatchObject({ answer: 63, hits: 0 })
    expect(readdirSync(cacheDir)).toHaveLength(2)
  })

  it('leaves files outside the root to the normal loader', () => {
    const classOf = fakeModuleClass()
    const cache = enableCompileCache({ root, setting: cacheDir, moduleClass: classOf })
    const other = join(dir, 'other.cjs')
    writeFileSync(other, 'module.exports = 1')
    load(classOf, other)
    expect(classOf.original).toEqual([other])
    cache.flush()
    expect(readdirSync(cacheDir)).toEqual([])
  })

  it('is off when asked, and refuses a cache directory others can write to', () => {
    expect(enableCompileCache({ root, setting: 'off', moduleClass: fakeModuleClass() }).kind).toBe(
      'off',
    )
    mkdirSync(cacheDir, { mode: 0o777 })
    chmodSync(cacheDir, 0o777)
    const cache = enableCompileCache({ root, setting: cacheDir, moduleClass: fakeModuleClass() })
    // the group/world write bit is removed before the directory is trusted
    expect(cache.kind).toBe('hook')
    expect(statSync(cacheDir).mode & 0o022).toBe(0)
  })

  it("uses the runtime's own cache when it has one", () => {
    const dirs: string[] = []
    const cache = enableCompileCache({ root, setting: cacheDir, builtIn: (d) => dirs.push(d) })
    expect(cache.kind).toBe('built-in')
    expect(dirs).toEqual([cacheDir])
  })
})
