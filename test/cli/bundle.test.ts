/**
 * Issue 10: the `capstan` command runs from one bundled file with a code cache. The built binary
 * must answer exactly like the engine's modules do, on the first start and on a cached one.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

const ROOT = join(import.meta.dirname, '..', '..')
const cacheDir = mkdtempSync(join(tmpdir(), 'capstan-bundle-cache-'))
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }))

function binary(args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'bin/capstan.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CAPSTAN_COMPILE_CACHE: join(cacheDir, 'cache') },
  })
}

async function inProcess(args: string[]): Promise<string> {
  let out = ''
  const io: CliIo = {
    stdout: (s) => (out += s),
    stderr: () => undefined,
    env: {},
    cwd: ROOT,
    onSignal: () => () => undefined,
  }
  await main(args, io)
  return out
}

describe('the built capstan binary', () => {
  it('validates the seeds like the modules do, first without and then with its code cache', async () => {
    const args = ['validate', 'examples/seeds', '--format', 'json']
    const expected = await inProcess(args)
    expect(JSON.parse(expected)).toHaveLength(406)
    expect(binary(args)).toBe(expected)
    expect(readdirSync(join(cacheDir, 'cache')).length).toBeGreaterThan(0)
    expect(binary(args)).toBe(expected)
  })
})
