/**
 * Builds the native paced generator (`bench/open-loop.c`) with the machine's C compiler, once per
 * change of its source: the binary is cached under node_modules/.cache by the source's hash.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const COMPILERS = ['cc', 'gcc', 'clang']

/** The binary's path, or why there is none (no C compiler, or it failed) for the report. */
export function buildNativeGenerator(root: string): { path: string } | { problem: string } {
  const source = join(root, 'bench', 'open-loop.c')
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12)
  const dir = join(root, 'node_modules', '.cache', 'capstan-bench')
  const path = join(dir, `open-loop-${hash}`)
  if (existsSync(path)) return { path }
  mkdirSync(dir, { recursive: true })
  // built beside, then renamed: a run killed mid-build leaves no half-written binary under the name
  const partial = `${path}.${process.pid}.tmp`
  const problems: string[] = []
  for (const compiler of COMPILERS) {
    const built = spawnSync(compiler, ['-O2', '-Wall', '-o', partial, source], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    if (built.status === 0) {
      renameSync(partial, path)
      pruneStaleBuilds(dir, path)
      return { path }
    }
    problems.push(
      built.error
        ? `${compiler}: ${(built.error as NodeJS.ErrnoException).code ?? built.error.message}`
        : `${compiler}: ${built.stderr.trim().split('\n')[0] ?? `exit ${built.status}`}`,
    )
  }
  return { problem: problems.join('; ') }
}

/** Removes builds of earlier sources from the cache, keeping `current` (and any build in progress). */
export function pruneStaleBuilds(dir: string, current: string): void {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    if (file !== current && /^open-loop-[0-9a-f]{12}$/.test(name)) rmSync(file, { force: true })
  }
}
