import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { startConformanceServer, type ConformanceServer } from './conformance-server.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// The suite needs Node >= 22; the `node` devDependency ships that binary.
const NODE22 = join(ROOT, 'node_modules/node/bin/node')
const SUITE = join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js')
const BASELINE = fileURLToPath(new URL('./baseline.yml', import.meta.url))
const RUN_TIMEOUT_MS = 150_000

let server: ConformanceServer
let work: string

beforeAll(async () => {
  server = await startConformanceServer()
  work = await mkdtemp(join(tmpdir(), 'capstan-conformance-'))
})

afterAll(async () => {
  await server?.close()
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

/** Runs the suite for one revision with that revision's baseline; resolves to exit code and output. */
async function runSuite(revision: string): Promise<{ code: number | null; output: string }> {
  const baseline = parse(await readFile(BASELINE, 'utf8')) as Record<string, Record<string, string>>
  const expected = join(work, `expected-${revision}.yml`)
  await writeFile(expected, stringify({ server: Object.keys(baseline[revision] ?? {}) }))
  const args = [
    SUITE,
    'server',
    '--url',
    server.url,
    '--requirements',
    revision,
    '--expected-failures',
    expected,
    '-o',
    join(work, revision),
  ]
  return new Promise((resolve, reject) => {
    const child = spawn(NODE22, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe('official MCP conformance suite', () => {
  it('has the suite and a Node 22 binary installed', () => {
    expect(existsSync(NODE22)).toBe(true)
    expect(existsSync(SUITE)).toBe(true)
  })

  for (const revision of ['2025-11-25', '2026-07-28']) {
    it(
      `passes every applicable scenario of ${revision}`,
      { timeout: RUN_TIMEOUT_MS + 10_000 },
      async () => {
        const { code, output } = await runSuite(revision)
        const summary = output.slice(output.indexOf('=== SUMMARY ==='))
        expect(code, summary).toBe(0)
        expect(summary).toContain('tools-call-simple-text')
      },
    )
  }
})
