import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScriptStep } from '../../model/types.js'
import { createScriptRunner } from './create-script-runner.js'

const runner = createScriptRunner()

/** A step over a fresh location holding `files` (path → source); the main file is the last. */
function step(files: Record<string, string>, extra: Partial<ScriptStep> = {}): ScriptStep {
  const root = mkdtempSync(join(tmpdir(), 'capstan-script-'))
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), code)
  }
  return {
    kind: 'script',
    name: 'transform',
    root,
    files: Object.keys(files),
    with: [],
    timeoutMs: 500,
    memoryBytes: 16 * 1024 * 1024,
    ...extra,
  }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the script to fail')
    },
    (error: { code: string; message: string }) => error,
  )

describe('script steps', () => {
  it('reads context, uses its dependencies (loaded first) and returns what it assigns to result', async () => {
    const s = step({
      'lib/sum.js': 'function sum(xs) { return xs.reduce((a, b) => a + b, 0) }',
      'main.js': 'var result = { total: sum(context.items.map((i) => i.n)), org: context.org }',
    })
    expect(await runner.run(s, { items: [{ n: 2 }, { n: 3 }], org: 'acme' })).toEqual({
      total: 5,
      org: 'acme',
    })
  })

  it('sees no host: no require, process, fetch, timers or file system', async () => {
    const s = step({
      'main.js':
        'var result = [typeof require, typeof process, typeof fetch, typeof globalThis.std, typeof globalThis.os, typeof setTimeout]',
    })
    expect(await runner.run(s, {})).toEqual(Array(6).fill('undefined'))
  })

  it('takes result however the script declares it: var, let, const or a bare assignment', async () => {
    for (const [code, value] of [
      ['var result = 1', 1],
      ['let result = { a: 1 }', { a: 1 }],
      ['const result = [1]', [1]],
      ['result = "bare"', 'bare'],
    ] as const)
      expect(await runner.run(step({ 'main.js': code }), {}), code).toEqual(value)
  })

  it('gives no output when the script assigns no result', async () => {
    expect(await runner.run(step({ 'main.js': 'var x = 1' }), {})).toBeUndefined()
  })

  it('stops a script at its timeout, naming the step and the limit', async () => {
    const started = performance.now()
    const error = await failure(runner.run(step({ 'main.js': 'while (true) {}' }), {}))
    expect(performance.now() - started).toBeLessThan(3000)
    expect(error.code).toBe('SCRIPT_FAILED')
    expect(error.message).toBe('Script step "transform" ran past its 500 ms timeout (in main.js).')
  })

  it('stops a script that allocates past its memory limit', async () => {
    const error = await failure(
      runner.run(step({ 'main.js': 'var big = "x".repeat(64 * 1024 * 1024)' }), {}),
    )
    expect(error.message).toBe('Script step "transform" used more than 16 MB (in main.js).')
  })

  it('reports what a script threw and where', async () => {
    const s = step({ 'main.js': 'var a = 1\nvar result = context.missing.field' })
    const error = await failure(runner.run(s, {}))
    expect(error.code).toBe('SCRIPT_FAILED')
    expect(error.message).toMatch(
      /^Script step "transform" threw TypeError: .+ at main\.js:2:\d+\.$/,
    )
  })

  it('refuses a file whose real path leaves the location, and a missing file', async () => {
    const s = step({ 'main.js': 'var result = 1' })
    const outside = join(mkdtempSync(join(tmpdir(), 'capstan-outside-')), 'evil.js')
    writeFileSync(outside, 'var result = "outside"')
    symlinkSync(outside, join(s.root, 'link.js'))
    const escaped = await failure(runner.run({ ...s, files: ['link.js'] }, {}))
    expect(escaped.message).toBe(
      'Script step "transform": file "link.js" leads outside its location.',
    )
    const missing = await failure(runner.run({ ...s, files: ['nope.js'] }, {}))
    expect(missing.message).toBe('Script step "transform": file "nope.js" is not in its location.')
  })

  it('answers POLICY_DENIED when governance turns scripting off', async () => {
    const s = step({ 'main.js': 'var result = 1' }, { refusal: 'Scripts are off.' })
    const error = await failure(runner.run(s, {}))
    expect([error.code, error.message]).toEqual(['POLICY_DENIED', 'Scripts are off.'])
  })
})
