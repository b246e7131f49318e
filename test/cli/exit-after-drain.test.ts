/**
 * `capstan run` exits after SIGTERM once its requests are drained, even when something loaded
 * into the process (an instrumentation agent, a preload) still holds the event loop open.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../support/free-port.js'

const ROOT = join(import.meta.dirname, '..', '..')
let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

describe('capstan run shutdown', () => {
  it('exits with 0 after draining, although a preload keeps a timer referenced', async () => {
    const preload = join(mkdtempSync(join(tmpdir(), 'capstan-exit-')), 'hold.cjs')
    writeFileSync(preload, 'setInterval(() => {}, 1000)\n')
    const rest = await freePort()
    const mcp = await freePort()
    let stderr = ''
    child = spawn(
      process.execPath,
      [
        '--require',
        preload,
        'bin/capstan.js',
        'run',
        '--sandbox',
        'examples/seeds',
        '--rest-port',
        String(rest),
        '--mcp-port',
        String(mcp),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
    child.stdout!.resume()
    const deadline = Date.now() + 15_000
    while (
      (await fetch(`http://127.0.0.1:${rest}/openapi.json`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (Date.now() > deadline) throw new Error('capstan did not start')
      await new Promise((r) => setTimeout(r, 50))
    }
    const exited = new Promise<number | null>((resolve) =>
      child!.once('exit', (code) => resolve(code)),
    )
    child.kill('SIGTERM')
    const code = await Promise.race([
      exited,
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 8_000)),
    ])
    expect(code).toBe(0)
    expect(stderr).toContain('draining in-flight requests')
  }, 30_000)
})
