/**
 * Issue 9: the published package works on its own: `npm pack`, installed into an empty folder,
 * serves the packed seeds with `npx capstan run --sandbox`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { freePort } from '../support/free-port.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx'
let dir: string | undefined
let child: ChildProcess | undefined

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    // npx runs capstan as a child: signal the whole process group this test started.
    process.kill(-child.pid, 'SIGTERM')
    await new Promise((r) => child!.once('exit', r))
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('npm package', () => {
  it('installs from its tarball into an empty folder and serves the packed seeds', async () => {
    dir = mkdtempSync(join(tmpdir(), 'capstan-pack-'))
    const out = join(dir, 'out')
    const app = join(dir, 'app')
    mkdirSync(out)
    mkdirSync(app)
    await run(NPM, ['pack', '--pack-destination', out], { cwd: process.cwd(), timeout: 120_000 })
    const tarball = join(
      out,
      readdirSync(out).find((f) => f.endsWith('.tgz'))!,
    )
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'pack-check', version: '1.0.0', private: true }),
    )
    await run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
      cwd: app,
      timeout: 120_000,
    })
    const [rest, mcp, control] = [await freePort(), await freePort(), await freePort()]
    child = spawn(
      NPX,
      [
        'capstan',
        'run',
        '--sandbox',
        'node_modules/capstan/examples/seeds',
        '--rest-port',
        String(rest),
        '--mcp-port',
        String(mcp),
        '--control-port',
        String(control),
      ],
      { cwd: app, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let banner = ''
    child.stdout!.on('data', (c: Buffer) => (banner += c.toString()))
    child.stderr!.resume()
    const deadline = Date.now() + 30_000
    let ready = 0
    while (Date.now() < deadline && ready !== 200) {
      ready = await fetch(`http://127.0.0.1:${control}/health/ready`).then(
        (r) => r.status,
        () => 0,
      )
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200))
    }
    expect(ready).toBe(200)
    expect(banner).toContain('Capstan is serving 4 capability file(s)')
    const res = await fetch(
      `http://127.0.0.1:${rest}/v1/container/7a2c9e4f-1d6b-4a8e-b3f5-0c7d2e9a6b18/secret`,
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toBeTruthy()
  }, 240_000)
})
