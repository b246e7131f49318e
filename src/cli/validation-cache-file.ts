/**
 * The validation cache on disk: one JSON file per engine build in the start-up cache directory
 * (the compile cache's: private to the user). Read on first use, written when it changed; a
 * missing, damaged or foreign file only costs a full validation.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Diagnostic } from '../diagnostics.js'
import type { ValidationCache } from '../spec/validation-cache.js'

export interface ValidationCacheFile extends ValidationCache {
  readonly file: string
  /** Writes the entries if they changed since the last write. Never throws. */
  flush(): void
}

/** Files beyond this many are validated every time (the oldest entries give way). */
export const MAX_ENTRIES = 5000
const PREFIX = 'validation-'

/** `build`: the engine's bundle; its size and modification time name the cache file. */
export function openValidationCache(dir: string, build: string): ValidationCacheFile {
  const file = join(dir, `${PREFIX}${buildId(build)}.json`)
  let entries: Map<string, readonly Diagnostic[]> | undefined
  let dirty = false
  const load = (): Map<string, readonly Diagnostic[]> => (entries ??= read(file))
  return {
    file,
    get: (key) => load().get(key),
    set(key, diagnostics) {
      const map = load()
      map.set(key, diagnostics)
      if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!)
      dirty = true
    },
    flush() {
      if (!dirty || entries === undefined) return
      dirty = false
      try {
        const temp = `${file}.${process.pid}.tmp`
        writeFileSync(temp, JSON.stringify({ entries: Object.fromEntries(entries) }), {
          mode: 0o600,
        })
        renameSync(temp, file)
        removeOtherBuilds(dir, file)
      } catch {
        // a read-only or full disk only costs the next start its speed
      }
    },
  }
}

function buildId(build: string): string {
  let stamp = build
  try {
    const stat = statSync(build)
    stamp = `${build}\0${stat.size}\0${stat.mtimeMs}`
  } catch {
    // no bundle (tests): the path alone names the file
  }
  return createHash('sha256').update(stamp).digest('hex').slice(0, 32)
}

function read(file: string): Map<string, readonly Diagnostic[]> {
  const map = new Map<string, readonly Diagnostic[]>()
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return map
  }
  const stored = (parsed as { entries?: unknown } | null)?.entries
  if (typeof stored !== 'object' || stored === null) return map
  for (const [key, list] of Object.entries(stored)) {
    if (Array.isArray(list) && list.every(isDiagnostic)) map.set(key, list)
  }
  return map
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const d = value as Record<string, unknown> | null
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.code === 'string' &&
    typeof d.severity === 'string' &&
    typeof d.message === 'string' &&
    typeof d.pointer === 'string'
  )
}

/** Only the running build's file is kept: an upgrade leaves no stale files behind. */
function removeOtherBuilds(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (path !== keep && name.startsWith(PREFIX) && name.endsWith('.json')) {
      try {
        unlinkSync(path)
      } catch {
        // another process may have removed it first
      }
    }
  }
}
