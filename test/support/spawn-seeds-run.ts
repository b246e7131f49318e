/** Runs the built `capstan run --sandbox examples/seeds` in a child process on free ports. */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { freePort } from './free-port.js'

const ROOT = join(import.meta.dirname, '..', '..')

export interface SeedsRun {
  readonly child: ChildProcess
  readonly rest: number
  readonly output: { stdout: string; stderr: string }
  readonly exited: Promise<number | null>
  /** Resolves once `check` holds, polling every 20 ms; fails naming `what` after 15 s. */
  until(check: () => boolean, what: string): Promise<void>
}

export async function spawnSeedsRun(nodeArgs: string[] = []): Promise<SeedsRun> {
  const [rest, mcp] = [await freePort(), await freePort()]
  const child = spawn(
    process.execPath,
    [...nodeArgs, 'bin/capstan.js', 'run', '--sandbox', 'examples/seeds'].concat([
      '--rest-port',
      String(rest),
      '--mcp-port',
      String(mcp),
    ]),
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const output = { stdout: '', stderr: '' }
  child.stdout!.on('data', (c: Buffer) => (output.stdout += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (output.stderr += c.toString()))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return {
    child,
    rest,
    output,
    exited,
    async until(check, what) {
      const deadline = Date.now() + 15_000
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
  }
}
