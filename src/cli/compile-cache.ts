/**
 * Start-up: keeps V8's compiled code of the engine bundle between runs. Node 22 has this built in
 * (`module.enableCompileCache`); on Node 20 the CommonJS loader is given cached data per file.
 */
import { createHash } from 'node:crypto'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import Module from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, sep } from 'node:path'
import vm from 'node:vm'

export interface CompileCacheOptions {
  /** Only CommonJS files under this directory are cached (the engine's own build). */
  readonly root: string
  /** `CAPSTAN_COMPILE_CACHE`: a directory, or `off`; default `<tmpdir>/capstan-compile-cache-<uid>`. */
  readonly setting?: string | undefined
  /** Node's built-in cache, when the runtime has one (Node 22+). */
  readonly builtIn?: ((dir: string) => unknown) | undefined
  /** The CommonJS module class to hook; a parameter so tests can use their own. */
  readonly moduleClass?: ModuleClass
  /** Clock for pruning entries of earlier builds. */
  readonly now?: () => number
}

/** Cached code of a file no start has used for this long (an earlier build) is removed. */
export const STALE_AFTER_MS = 14 * 24 * 60 * 60 * 1000
const ENTRY = /^[0-9a-f]{40}$/

export interface CompileCache {
  readonly kind: 'built-in' | 'hook' | 'off'
  readonly dir?: string
  /** Files that were compiled from cached data. */
  readonly hits: () => number
  /**
   * Writes cached data for every file that had none (or stale data); with `all`, for every file,
   * so functions first compiled in this run (other capabilities, other commands) join the cache.
   * Never throws.
   */
  flush(options?: { all?: boolean }): void
  /**
   * Writes what has no cached data yet, then writes nothing more (pruning still runs). Called just
   * before a V8 flag changes: V8 stamps cached data with a hash of the flags in force, and rejects
   * it in a start whose flags differ, so data made after the change would be useless.
   */
  seal(): void
}

interface HookedModule {
  exports: unknown
  require(id: string): unknown
}

export interface ModuleClass {
  prototype: { _compile(this: HookedModule, content: string, filename: string): unknown }
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string
  _cache: unknown
}

const OFF: CompileCache = {
  kind: 'off',
  hits: () => 0,
  flush: () => undefined,
  seal: () => undefined,
}

export function enableCompileCache(options: CompileCacheOptions): CompileCache {
  const dir = cacheDir(options.setting)
  if (dir === undefined || !privateDir(dir)) return OFF
  if (options.builtIn) {
    try {
      options.builtIn(dir)
      // Node's cache makes an entry's data as it compiles the file: a later flag change cannot taint it
      return { kind: 'built-in', dir, hits: () => 0, flush: () => undefined, seal: () => undefined }
    } catch {
      return OFF
    }
  }
  const moduleClass = options.moduleClass ?? (Module as unknown as ModuleClass)
  const now = options.now ?? Date.now
  const root = options.root.endsWith(sep) ? options.root : options.root + sep
  const scripts: { script: vm.Script; file: string; written: boolean }[] = []
  let hits = 0
  let sealed = false
  const compile = (mod: HookedModule, content: string, filename: string): unknown => {
    const file = join(dir, cacheKey(filename, content))
    let cachedData: Buffer | undefined
    try {
      cachedData = readFileSync(file)
    } catch {
      cachedData = undefined
    }
    const script = new vm.Script(
      `(function (exports, require, module, __filename, __dirname) { ${content}\n})`,
      {
        filename,
        ...(cachedData ? { cachedData } : {}),
        ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
          ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
          : {}),
      },
    )
    const fresh = cachedData !== undefined && !script.cachedDataRejected
    if (fresh) hits++
    scripts.push({ script, file, written: fresh })
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      ...args: unknown[]
    ) => unknown
    const require = Object.assign((id: string) => mod.require(id), {
      resolve: (request: string, opts?: unknown) =>
        moduleClass._resolveFilename(request, mod, false, opts),
      cache: moduleClass._cache,
      main: (process as { mainModule?: unknown }).mainModule,
    })
    return wrapper.call(mod.exports, mod.exports, require, mod, filename, dirname(filename))
  }
  const original = moduleClass.prototype._compile
  moduleClass.prototype._compile = function (content, filename) {
    return filename.startsWith(root)
      ? compile(this, content, filename)
      : original.call(this, content, filename)
  }
  return {
    kind: 'hook',
    dir,
    hits: () => hits,
    flush(options) {
      // after the code ran, the cached data also holds the functions compiled lazily since
      for (const entry of scripts) {
        if (sealed || (entry.written && !options?.all)) continue
        entry.written = true
        const { script, file } = entry
        try {
          const temp = `${file}.${process.pid}.tmp`
          writeFileSync(temp, script.createCachedData(), { mode: 0o600 })
          renameSync(temp, file)
        } catch {
          // a read-only or full disk only costs the next start its speed
        }
      }
      if (options?.all) pruneStale(dir, new Set(scripts.map((e) => e.file)), now())
    },
    seal() {
      this.flush()
      sealed = true
      // entries are no longer rewritten at exit: mark the ones in use so pruning keeps them
      const at = new Date(now())
      for (const { file } of scripts) touch(file, at)
    },
  }
}

function touch(file: string, at: Date): void {
  try {
    utimesSync(file, at, at)
  } catch {
    // not written (a read-only disk): nothing to keep
  }
}

/** Every start rewrites the entries it used, so an entry untouched for long belongs to an old build. */
function pruneStale(dir: string, used: ReadonlySet<string>, now: number): void {
  try {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (!ENTRY.test(name) || used.has(path)) continue
      if (now - lstatSync(path).mtimeMs > STALE_AFTER_MS) unlinkSync(path)
    }
  } catch {
    // another start may be pruning too: what is left goes next time
  }
}

function cacheDir(setting: string | undefined): string | undefined {
  if (setting === 'off' || setting === '0' || setting === 'false') return undefined
  if (setting) return setting
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user'
  return join(tmpdir(), `capstan-compile-cache-${uid}`)
}

/** Cached code is executed: only a directory that this user owns and nobody else can write is used. */
function privateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const stat = lstatSync(dir)
    if (!stat.isDirectory()) return false
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return false
    if ((stat.mode & 0o022) !== 0) chmodSync(dir, stat.mode & ~0o022)
    return (statSync(dir).mode & 0o022) === 0
  } catch {
    return false
  }
}

/** Any change of the file or the runtime gives another key; V8 itself refuses data made under other flags. */
function cacheKey(filename: string, content: string): string {
  const stat = statSync(filename)
  return createHash('sha256')
    .update(
      [
        process.version,
        process.arch,
        filename,
        String(stat.size),
        String(stat.mtimeMs),
        String(content.length),
      ].join('\0'),
    )
    .digest('hex')
    .slice(0, 40)
}
