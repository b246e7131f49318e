/**
 * Issue 10: the `capstan` command runs from one bundled file with a code cache and a validation
 * cache. The built binary must answer exactly like the engine's modules do, on the first start and
 * on a cached one, and see every edit of a file.
 */
import { execFileSync, spawn } from 'node:child_process'
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv'
import Module, { createRequire } from 'node:module'
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

/** `capstan run --sandbox examples/seeds` from the built binary, once its banner is printed. */
async function runSeeds(
  cache: string,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<{ banner: string; stop(): Promise<string> }> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      join(ROOT, 'bin/capstan.js'),
      'run',
      '--sandbox',
      '--rest-port',
      '0',
      '--mcp-port',
      '0',
      'examples/seeds',
    ],
    { cwd: ROOT, env: { ...process.env, ...env, CAPSTAN_COMPILE_CACHE: cache } },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const banner = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (/^REST +http/m.test(out)) resolve(out)
    })
    child.once('exit', () => reject(new Error(`capstan run exited: ${out}`)))
  })
  return {
    banner,
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await gone
      return stderr
    },
  }
}

describe('the built capstan binary', () => {
  it('validates the seeds like the modules do, first without and then with its code cache', async () => {
    const args = ['validate', 'examples/seeds', '--format', 'json']
    const expected = await inProcess(args)
    expect(JSON.parse(expected)).toHaveLength(406)
    expect(binary(args)).toBe(expected)
    const files = readdirSync(join(cacheDir, 'cache'))
    expect(files.length).toBeGreaterThan(1)
    expect(files.filter((f) => /^validation-[0-9a-f]+\.json$/.test(f))).toHaveLength(1)
    expect(binary(args)).toBe(expected)
  })

  it('validates an edited file again instead of answering from its cache', () => {
    const dir = mkdtempSync(join(cacheDir, 'files-'))
    const file = join(dir, 'job-secret.yaml')
    copyFileSync(join(ROOT, 'examples/seeds/qovery-job-secret.yaml'), file)
    const args = ['validate', file, '--format', 'json']
    const unknown = (out: string) =>
      (JSON.parse(out) as { code: string; message: string }[]).filter((d) =>
        d.message.includes('colour'),
      )
    const before = binary(args)
    expect(binary(args)).toBe(before)
    expect(unknown(before)).toEqual([])
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^capability:\n/m, 'capability:\n  colour: blue\n'),
    )
    expect(unknown(binary(args))).toEqual([
      expect.objectContaining({ code: 'SCHEMA_UNKNOWN_PROPERTY', line: 16 }),
    ])
  })

  it('stops quietly when its reader goes away (capstan … | head)', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/capstan.js'), 'validate', 'examples/seeds', '--format', 'json'],
      { cwd: ROOT, env: { ...process.env, CAPSTAN_COMPILE_CACHE: 'off' } },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('checks MCP tool arguments with the Ajv it loads on the first call', async () => {
    const run = await runSeeds(join(cacheDir, 'cache'))
    try {
      const mcp = /^MCP +(http:\/\/127\.0\.0\.1:\d+\/mcp)$/m.exec(run.banner)![1]!
      const client = new Client({ name: 'bundle-test', version: '1.0.0' })
      await client.connect(new StreamableHTTPClientTransport(new URL(mcp)))
      const { tools } = await client.listTools()
      const tool = tools.find((t) => (t.inputSchema.required ?? []).length > 0)!
      const result = await client.callTool({ name: tool.name, arguments: {} })
      expect(result).toMatchObject({
        isError: true,
        content: [
          { type: 'text', text: `Argument \`${tool.inputSchema.required![0]}\` is required` },
        ],
      })
      await client.close()
    } finally {
      await run.stop()
    }
  })

  it("stands in for the SDK's Node shims: its validator, loaded on first use, answers like the SDK's", () => {
    const shims = createRequire(import.meta.url)('../../scripts/sdk-node-shims.cjs') as {
      DefaultJsonSchemaValidator: new () => AjvJsonSchemaValidator
      process: NodeJS.Process
    }
    expect(shims.process).toBe(process)
    const schema = {
      type: 'object',
      properties: { name: { type: 'string', minLength: 2 } },
      required: ['name'],
    } as const
    const ours = new shims.DefaultJsonSchemaValidator().getValidator(schema)
    const sdk = new AjvJsonSchemaValidator().getValidator(schema)
    for (const input of [{ name: 'ok' }, { name: 'x' }, {}, { name: 3 }]) {
      expect(ours(input)).toEqual(sdk(input))
    }
    expect(ours({ name: 'x' }).valid).toBe(false)
    expect(ours({ name: 'ok' }).valid).toBe(true)
  })

  it('compiles from its code cache after a `run`, although `run` changes a V8 flag once loaded', async () => {
    const cache = join(cacheDir, 'run-cache')
    const report = join(cacheDir, 'script-report.json')
    // Node 20 (the hook): records whether V8 accepted the cached data it was given for the bundle
    const preload = join(cacheDir, 'record-script.cjs')
    writeFileSync(
      preload,
      `const vm = require('node:vm'); const fs = require('node:fs'); const Script = vm.Script
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options)
    if (String(options && options.filename).endsWith('capstan.cjs'))
      fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({ given: Boolean(options.cachedData), rejected: this.cachedDataRejected === true }))
  }
}`,
    )
    const builtIn =
      typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function'
    const runOnce = async (nodeArgs: string[], env: Record<string, string> = {}) =>
      (await runSeeds(cache, nodeArgs, env)).stop()
    await runOnce([])
    if (builtIn) {
      // Node 22+: the runtime's own cache reports what it did with the bundle's entry
      const stderr = await runOnce([], { NODE_DEBUG_NATIVE: 'COMPILE_CACHE' })
      expect(stderr).toMatch(/cache for \S*capstan\.cjs was accepted/)
    } else {
      await runOnce(['--require', preload])
      expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ given: true, rejected: false })
    }
  })
})
