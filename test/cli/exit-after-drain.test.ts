/**
 * `capstan run` exits after SIGTERM once its requests are drained, even when something loaded
 * into the process (an instrumentation agent, a preload) still holds the event loop open.
 */
import type { ChildProcess } from 'node:child_process'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnSeedsRun } from '../support/spawn-seeds-run.js'

let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

describe('capstan run shutdown', () => {
  it('exits with 0 after draining, although a preload keeps a timer referenced', async () => {
    const preload = join(mkdtempSync(join(tmpdir(), 'capstan-exit-')), 'hold.cjs')
    writeFileSync(preload, 'setInterval(() => {}, 1000)\n')
    const run = await spawnSeedsRun(['--require', preload])
    child = run.child
    await run.until(() => run.output.stdout.includes(String(run.rest)), 'the banner')
    run.child.kill('SIGTERM')
    const code = await Promise.race([
      run.exited,
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 8_000)),
    ])
    expect(code).toBe(0)
    expect(run.output.stderr).toContain('draining in-flight requests')
  }, 30_000)
})
