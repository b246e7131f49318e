/**
 * The files of a skill's location: listed recursively, and resolved from request segments so that
 * nothing outside the location (by `..`, encoded separators or a symlink) is ever read. Hidden
 * entries (a name starting with ".": .env, .git, .DS_Store) are never listed, zipped or served.
 */
import { readdir, realpath, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { EngineError } from '../../errors.js'
import { isInsideLocation } from '../../model/location-path.js'

export interface SkillFile {
  /** Relative to the location, '/'-separated. */
  readonly path: string
  /** Where it is on disk, symlinks resolved. */
  readonly real: string
  readonly size: number
  readonly mtime: Date
}

/** A location past these is refused rather than listed in part: nothing is silently dropped. */
export const MAX_SKILL_FILES = 10_000
const MAX_DEPTH = 16

/** The location's real directory, or NOT_FOUND naming the skill. */
export async function locationRoot(skill: string, location: string | undefined): Promise<string> {
  if (location === undefined)
    throw new EngineError('NOT_FOUND', `Skill "${skill}" has no location, so it has no files.`)
  try {
    const root = await realpath(location)
    if ((await stat(root)).isDirectory()) return root
  } catch {
    // missing or unreadable: the same answer as not a directory
  }
  throw new EngineError('NOT_FOUND', `The location directory of skill "${skill}" does not exist.`)
}

/** Every regular file under root (symlinks followed only when they stay inside), sorted by path. */
export async function listSkillFiles(skill: string, root: string): Promise<SkillFile[]> {
  const out: SkillFile[] = []
  await walk(skill, root, root, '', 0, out)
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

async function walk(
  skill: string,
  root: string,
  dir: string,
  prefix: string,
  depth: number,
  out: SkillFile[],
): Promise<void> {
  if (depth > MAX_DEPTH)
    throw new EngineError(
      'PAYLOAD_TOO_LARGE',
      `Skill "${skill}" nests directories deeper than ${MAX_DEPTH} levels; flatten its location.`,
    )
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (isHidden(entry.name)) continue
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    const full = join(dir, entry.name)
    if (entry.isDirectory()) {
      await walk(skill, root, full, path, depth + 1, out)
      continue
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) continue
    const real = entry.isSymbolicLink() ? await inside(root, full) : full
    if (real === undefined) continue
    const info = await stat(real)
    if (!info.isFile()) continue
    if (out.length >= MAX_SKILL_FILES)
      throw new EngineError(
        'PAYLOAD_TOO_LARGE',
        `Skill "${skill}" has more than ${MAX_SKILL_FILES} files; split it into several skills.`,
      )
    out.push({ path, real, size: info.size, mtime: info.mtime })
  }
}

/** Dotfiles and dot-directories hold tooling and secrets (.env, .git), not skill content. */
function isHidden(name: string): boolean {
  return name.startsWith('.')
}

/** The real path of `full` when it stays under root, else undefined (also when it dangles). */
async function inside(root: string, full: string): Promise<string | undefined> {
  try {
    const real = await realpath(full)
    return isInsideLocation(root, real) ? real : undefined
  } catch {
    return undefined
  }
}

/**
 * Resolves raw (still percent-encoded) request segments to a file under root. Unsafe segments and
 * symlinks leaving the location are PATH_PARAM_UNSAFE (400); a missing file is NOT_FOUND (404).
 */
export async function resolveSkillFile(
  skill: string,
  root: string,
  rawSegments: readonly string[],
): Promise<SkillFile> {
  const segments = rawSegments.map((raw) => {
    let s: string
    try {
      s = decodeURIComponent(raw)
    } catch {
      s = '\0'
    }
    if (s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s))
      throw new EngineError(
        'PATH_PARAM_UNSAFE',
        `File path segment "${raw}" is not allowed: use plain names below the skill location, without . or .. or encoded separators.`,
      )
    return s
  })
  const path = segments.join('/')
  // the same answer as a missing file: whether a hidden one exists is not disclosed
  if (segments.some(isHidden))
    throw new EngineError('NOT_FOUND', `Skill "${skill}" has no file "${path}".`)
  const full = join(root, ...segments)
  let real: string
  try {
    real = await realpath(full)
  } catch {
    throw new EngineError('NOT_FOUND', `Skill "${skill}" has no file "${path}".`)
  }
  if (!isInsideLocation(root, real))
    throw new EngineError(
      'PATH_PARAM_UNSAFE',
      `File "${path}" of skill "${skill}" leads outside the skill location.`,
    )
  const info = await stat(real)
  if (!info.isFile()) throw new EngineError('NOT_FOUND', `Skill "${skill}" has no file "${path}".`)
  return { path, real, size: info.size, mtime: info.mtime }
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.md': 'text/markdown; charset=utf-8',
  '.markdown': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.py': 'text/x-python; charset=utf-8',
  '.sh': 'text/x-shellscript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
}

/** The media type of a file by its extension; octet-stream when unknown. */
export function mediaType(path: string): string {
  return MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}
