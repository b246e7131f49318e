/** Child processes for the benchmark: spawn, wait for readiness, sample RSS, stop. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LoadResult, LoadSpec } from './load.js'
import type { OpenLoopSpec } from './open-loop.js'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The Capstan checkout to spawn (built): this one, or BENCH_CAPSTAN_DIR (e.g. a clean export of HEAD). */
export const CAPSTAN_DIR = process.env.BENCH_CAPSTAN_DIR ?? ROOT
const TSX = ['--import', 'tsx']

export interface Child {
  readonly proc: ChildProcess
  readonly port: number
}

/** Starts a bench helper that prints `{"port":N}` on its first stdout line. */
export async function startHelper(
  script: string,
  args: string[] = [],
  nodeFlags: string[] = [],
): Promise<Child> {
  const proc = spawn(process.execPath, [...nodeFlags, ...TSX, `bench/${script}`, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 15_000)
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const line = buffer.split('\n')[0]
      if (buffer.includes('\n') && line) {
        clearTimeout(timer)
        resolve((JSON.parse(line) as { port: number }).port)
      }
    })
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
  proc.stdout!.resume()
  return { proc, port }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export const BENCH_ENV = {
  ...process.env,
  QOVERY_API_KEY: 'bench-token',
  SCALEWAY_API_KEY: 'bench-token',
  CAPSTAN_LOG_LEVEL: process.env.CAPSTAN_LOG_LEVEL ?? 'info',
}

export interface Capstan extends Child {
  readonly mcpPort: number
  /** The control port (/metrics), when started with one. */
  readonly controlPort?: number
  /** Milliseconds from spawn to the first successful HTTP response. */
  readonly readyMs: number
}

/** Spawns `capstan run` (the built binary) and waits until `probePath` answers 2xx on the REST port. */
export async function startCapstan(
  paths: string[],
  upstream: string | undefined,
  probePath: string,
  extra: string[] = [],
): Promise<Capstan> {
  const [port, mcpPort] = [await freePort(), await freePort()]
  const args = [
    join(CAPSTAN_DIR, 'bin/capstan.js'),
    'run',
    '--rest-port',
    String(port),
    '--mcp-port',
    String(mcpPort),
    ...(upstream ? ['--upstream', `*=${upstream}`] : []),
    ...extra,
    ...paths,
  ]
  const started = performance.now()
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: BENCH_ENV,
    stdio: ['ignore', 'ignore', 'ignore'],
  })
  let exited = false
  proc.once('exit', () => (exited = true))
  const deadline = started + 30_000
  for (;;) {
    if (exited) throw new Error(`capstan exited before it was ready: ${args.join(' ')}`)
    if (performance.now() > deadline) {
      proc.kill('SIGKILL')
      throw new Error('capstan was not ready within 30 s')
    }
    if ((await status(`http://127.0.0.1:${port}${probePath}`)) === 200) break
    await sleep(2)
  }
  const control = extra.indexOf('--control-port')
  return {
    proc,
    port,
    mcpPort,
    readyMs: performance.now() - started,
    ...(control >= 0 ? { controlPort: Number(extra[control + 1]) } : {}),
  }
}

export function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.setTimeout(2000, () => req.destroy())
    req.end()
  })
}

export async function stop(child: { proc: ChildProcess }): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return
  const gone = new Promise<void>((resolve) => child.proc.once('exit', () => resolve()))
  child.proc.kill('SIGTERM')
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 5000)
  await gone
  clearTimeout(timer)
}

/** Resident set size of a process in MB, from /proc/<pid>/status VmRSS. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : Number.NaN
}

/** CPU seconds a process has used (user + system, all threads), from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
}
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times, on every architecture Node runs on. */
const CLOCK_TICKS = 100

/** Runs one autocannon pass in a separate process. */
export function load(spec: LoadSpec): Promise<LoadResult> {
  return runGenerator('load.ts', spec, spec.url)
}

/**
 * Runs one open-loop pass in a separate process: the native build of the generator when there is
 * one (`./native-generator.ts`), else bench/open-loop.ts; both print the same result.
 */
export function openLoad(spec: OpenLoopSpec, native: string | undefined): Promise<LoadResult> {
  if (native === undefined) return runGenerator('open-loop.ts', spec, spec.url)
  const target = new URL(spec.url)
  const args = [
    target.hostname,
    target.port || '80',
    `${target.pathname}${target.search}`,
    String(spec.rate),
    String(spec.duration),
    String(spec.warmup ?? 2),
    String(spec.connections ?? 64),
    String(spec.grace ?? 10),
  ]
  return runChild('open-loop (native)', native, args, spec.url)
}

/** Longest any one load-generator run may take (the longest, the 100,000-call soak, takes ~15 s). */
const GENERATOR_LIMIT_MS = 5 * 60_000

function runGenerator(script: string, spec: object, url: string): Promise<LoadResult> {
  return runChild(script, process.execPath, [...TSX, `bench/${script}`, JSON.stringify(spec)], url)
}

async function runChild(
  name: string,
  command: string,
  args: string[],
  url: string,
): Promise<LoadResult> {
  const proc = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  // the generators bound themselves; this is the backstop if one does not
  const limit = setTimeout(() => proc.kill('SIGKILL'), GENERATOR_LIMIT_MS)
  const code = await new Promise<number | null>((resolve) => {
    proc.once('exit', resolve)
    proc.once('error', () => resolve(null))
  })
  clearTimeout(limit)
  if (code !== 0) throw new Error(`${name} failed (${code}) for ${url}`)
  return JSON.parse(out.trim()) as LoadResult
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * Full garbage collections an engine has run so far, from its /metrics
 * (\`nodejs_gc_duration_seconds_count{kind="major"}\`); undefined without a control port.
 */
export async function fullCollections(engine: Capstan): Promise<number | undefined> {
  if (engine.controlPort === undefined) return undefined
  try {
    const text = await (await fetch(`http://127.0.0.1:${engine.controlPort}/metrics`)).text()
    const match = /^nodejs_gc_duration_seconds_count\{kind="major"\} (\d+)$/m.exec(text)
    return match ? Number(match[1]) : 0
  } catch {
    return undefined
  }
}
