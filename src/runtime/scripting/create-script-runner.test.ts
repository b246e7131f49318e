import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ScriptingGovernance, ScriptStep } from '../../model/types.js'
import { createScriptRunner } from './create-script-runner.js'

const runner = createScriptRunner()
const GOVERNANCE: ScriptingGovernance = {
  enabled: true,
  timeoutMs: 500,
  statementLimit: 100_000,
}

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
    location: root,
    governance: GOVERNANCE,
    ownLanguage: true,
    files: Object.keys(files),
    with: [],
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
    const governance = { ...GOVERNANCE, statementLimit: Number.MAX_SAFE_INTEGER }
    const error = await failure(
      runner.run(step({ 'main.js': 'while (true) {}' }, { governance }), {}),
    )
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
    symlinkSync(outside, join(s.location!, 'link.js'))
    const escaped = await failure(runner.run({ ...s, files: ['link.js'] }, {}))
    expect(escaped.message).toBe(
      'Script step "transform": file "link.js" leads outside its location.',
    )
    const missing = await failure(runner.run({ ...s, files: ['nope.js'] }, {}))
    expect(missing.message).toBe('Script step "transform": file "nope.js" is not in its location.')
  })

  it('stops a runaway loop at its statement limit, long before the timeout', async () => {
    const governance = { ...GOVERNANCE, timeoutMs: 30_000, statementLimit: 50_000 }
    const started = performance.now()
    const error = await failure(
      runner.run(step({ 'main.js': 'while (true) {}' }, { governance }), {}),
    )
    expect(performance.now() - started).toBeLessThan(5000)
    expect(error.message).toBe(
      'Script step "transform" exceeded its statement limit of 50000 (in main.js); raise management.scripting.statementLimit or do less per call.',
    )
    // a loop well under the limit runs to its end
    const within = step(
      { 'main.js': 'var n = 0; for (var i = 0; i < 10000; i++) n += i; var result = n' },
      { governance },
    )
    expect(await runner.run(within, {})).toBe(49995000)
  })

  it('stops at the poll that reaches the limit, not a stride later', async () => {
    // measured: 7,000 iterations make QuickJS poll twice (20,000 with strides of 10,000), 4,000 once
    const governance = { ...GOVERNANCE, statementLimit: 20_000 }
    const loop = (n: number) =>
      step(
        { 'main.js': `var n = 0; for (var i = 0; i < ${n}; i++) n++; var result = n` },
        { governance },
      )
    expect((await failure(runner.run(loop(7_000), {}))).message).toContain(
      'statement limit of 20000',
    )
    expect(await runner.run(loop(4_000), {})).toBe(4000)
  })

  it('answers POLICY_DENIED when governance turns scripting off, or allows only other languages', async () => {
    for (const [governance, reason] of [
      [{ ...GOVERNANCE, enabled: false }, 'management.scripting.enabled turns scripting off'],
      [{ ...GOVERNANCE, allowedLanguages: ['python'] }, 'allowedLanguages does not allow'],
    ] as const) {
      const error = await failure(
        runner.run(step({ 'main.js': 'var result = 1' }, { governance }), {}),
      )
      expect(error.code).toBe('POLICY_DENIED')
      expect(error.message).toContain(reason)
    }
  })

  it('honours NAFTIKO_SCRIPTING=false for steps without governance; governance overrides it', async () => {
    const off = createScriptRunner({ env: { NAFTIKO_SCRIPTING: 'false' } })
    const bare = step({ 'main.js': 'var result = 1' }, { governance: undefined })
    const error = await failure(off.run(bare, {}))
    expect([error.code, error.message]).toEqual([
      'POLICY_DENIED',
      'Script step "transform" is refused: NAFTIKO_SCRIPTING=false turns scripting off.',
    ])
    expect(await off.run({ ...bare, governance: GOVERNANCE }, {})).toBe(1)
    expect(await createScriptRunner({ env: {} }).run(bare, {})).toBe(1)
  })

  it('applies a governance update to later runs, and refuses a bad one whole', async () => {
    const own = createScriptRunner()
    const loaded: ScriptingGovernance = { ...GOVERNANCE }
    const s = step({ 'main.js': 'var result = 2' }, { governance: loaded })
    expect(await own.run(s, {})).toBe(2)
    const next = own.update(loaded, { enabled: false, timeout: 750 })
    expect(next).toMatchObject({ enabled: false, timeoutMs: 750 })
    expect(own.governance(loaded)).toBe(next)
    expect((await failure(own.run(s, {}))).code).toBe('POLICY_DENIED')
    expect(own.update(loaded, { enabled: true, statementLimit: 0 })).toBe(
      'statementLimit must be a whole number of at least 1, got 0.',
    )
    // nothing of the refused update applied: still off
    expect(own.governance(loaded).enabled).toBe(false)
    expect(own.update(loaded, { enabled: true })).toMatchObject({ enabled: true, timeoutMs: 750 })
    expect(await own.run(s, {})).toBe(2)
  })

  it('reads a step without its own location or language from the governance as it stands', async () => {
    const own = createScriptRunner()
    const first = step({ 'main.js': 'var result = "first"' })
    const second = step({ 'main.js': 'var result = "second"' })
    const loaded: ScriptingGovernance = {
      ...GOVERNANCE,
      defaultLocation: first.location!,
      defaultLanguage: 'javascript',
    }
    const s: ScriptStep = { ...first, location: undefined, ownLanguage: false, governance: loaded }
    expect(await own.run(s, {})).toBe('first')
    own.update(loaded, { defaultLocation: pathToFileURL(second.location!).href })
    expect(await own.run(s, {})).toBe('second')
    own.update(loaded, { defaultLanguage: 'python' })
    expect((await failure(own.run(s, {}))).message).toBe(
      'Script step "transform" is refused: its language comes from management.scripting.defaultLanguage, now python, and Capstan runs JavaScript scripts only.',
    )
  })
})
