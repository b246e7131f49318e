/**
 * The validation and parse caches on disk: one JSON file per engine build in the start-up cache
 * directory (the compile cache's: private to the user). Read on first use, written when it
 * changed; a missing, damaged or foreign file only costs a full parse and validation.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Diagnostic } from '../diagnostics.js'
import type { ParseCache } from '../spec/parse-cache.js'
import type { ValidationCache } from '../spec/validation-cache.js'

export interface ValidationCacheFile extends ValidationCache, ParseCache {
  readonly file: string
  /** Writes the entries if they changed since the last write. Never throws. */
  flush(): void
}

/** Files beyond this many are validated every time (the oldest entries give way). */
export const MAX_ENTRIES = 5000
/** Parsed files not used by this process are kept up to this many bytes (the oldest give way). */
export const STALE_PARSED_BYTES = 4 * 1024 * 1024
const PREFIX = 'validation-'

interface Stored {
  readonly entries: Map<string, readonly Diagnostic[]>
  /** Key → JSON text of the data, oldest first. */
  readonly parsed: Map<string, string>
}

/** `build`: the engine's bundle; its size and modification time name the cache file. */
export function openValidationCache(dir: string, build: string): ValidationCacheFile {
  const file = join(dir, `${PREFIX}${buildId(build)}.json`)
  let stored: Stored | undefined
  let dirty = false
  const load = (): Stored => (stored ??= read(file))
  // parsed files this process read or wrote: always kept, the next start needs them
  const used = new Set<string>()
  return {
    file,
    get: (key) => load().entries.get(key),
    set(key, diagnostics) {
      const map = load().entries
      map.set(key, diagnostics)
      if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!)
      dirty = true
    },
    getParsed(key) {
      const json = load().parsed.get(key)
      if (json !== undefined) used.add(key)
      return json
    },
    setParsed(key, json) {
      const map = load().parsed
      map.delete(key)
      map.set(key, json)
      used.add(key)
      dirty = true
    },
    flush() {
      if (!dirty || stored === undefined) return
      dirty = false
      try {
        const temp = `${file}.${process.pid}.tmp`
        const parsed = Object.fromEntries(keptParsed(stored.parsed, used))
        writeFileSync(
          temp,
          JSON.stringify({ entries: Object.fromEntries(stored.entries), parsed }),
          {
            mode: 0o600,
          },
        )
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

/** Stale parsed files (oldest first) give way until they fit STALE_PARSED_BYTES; used ones stay. */
function keptParsed(parsed: Map<string, string>, used: ReadonlySet<string>): [string, string][] {
  const stale = [...parsed].filter(([key]) => !used.has(key))
  let bytes = stale.reduce((sum, [, json]) => sum + json.length, 0)
  let drop = 0
  while (bytes > STALE_PARSED_BYTES) bytes -= stale[drop++]![1].length
  for (const [key] of stale.slice(0, drop)) parsed.delete(key)
  return [...parsed]
}

function read(file: string): Stored {
  const stored: Stored = { entries: new Map(), parsed: new Map() }
  let content: unknown
  try {
    content = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return stored
  }
  const { entries, parsed } = (content ?? {}) as { entries?: unknown; parsed?: unknown }
  if (typeof entries === 'object' && entries !== null) {
    for (const [key, list] of Object.entries(entries)) {
      if (Array.isArray(list) && list.every(isDiagnostic)) stored.entries.set(key, list)
    }
  }
  if (typeof parsed === 'object' && parsed !== null) {
    for (const [key, json] of Object.entries(parsed)) {
      if (typeof json === 'string') stored.parsed.set(key, json)
    }
  }
  return stored
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
