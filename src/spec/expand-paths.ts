/**
 * Command-line path arguments → capability files: a file, a directory (recursive *.yml/*.yaml) or a glob.
 * `explicit` lists the files named directly (not found by directory or glob expansion).
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { diagnostic, type Diagnostic } from '../diagnostics.js'
import { globToRegExp, hasGlobChars } from './glob-to-regexp.js'

const YAML_FILE = /\.ya?ml$/i
/** Bounds a directory walk so a mistaken `/` argument cannot run forever. */
const MAX_ENTRIES = 100_000

export async function expandPaths(
  args: string[],
  io: { cwd: string },
): Promise<{ files: string[]; diagnostics: Diagnostic[]; explicit: string[] }> {
  const files = new Set<string>()
  const explicit: string[] = []
  const diagnostics: Diagnostic[] = []
  for (const arg of args) {
    const found = hasGlobChars(arg) ? await expandGlob(arg, io.cwd) : await expandPlain(arg, io.cwd)
    if (found === 'missing') {
      diagnostics.push({
        ...diagnostic('FILE_NOT_FOUND', {
          message: `'${arg}' does not exist`,
          pointer: '',
          hint: 'check the path; it is read relative to the current directory',
        }),
        file: path.resolve(io.cwd, arg),
      })
      continue
    }
    if (found.length === 0) {
      diagnostics.push(
        diagnostic('NO_CAPABILITY_FILES', {
          message: `'${arg}' matched no .yml or .yaml file`,
          pointer: '',
          hint: 'pass a capability file, a directory containing *.yml/*.yaml files, or a glob such as "caps/**/*.yaml"',
        }),
      )
    }
    for (const f of found) files.add(f)
    if (!hasGlobChars(arg) && found.length === 1 && found[0] === path.resolve(io.cwd, arg)) {
      explicit.push(found[0])
    }
  }
  return { files: [...files].sort(), diagnostics, explicit }
}

async function expandPlain(arg: string, cwd: string): Promise<string[] | 'missing'> {
  const absolute = path.resolve(cwd, arg)
  const info = await stat(absolute).catch(() => undefined)
  if (!info) return 'missing'
  if (info.isFile()) return [absolute]
  if (!info.isDirectory()) return []
  return (await walk(absolute)).filter((f) => YAML_FILE.test(f))
}

async function expandGlob(arg: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, arg).split(path.sep).join('/')
  const segments = absolute.split('/')
  const firstGlob = segments.findIndex(hasGlobChars)
  const base = segments.slice(0, firstGlob).join('/') || '/'
  const info = await stat(base).catch(() => undefined)
  if (!info?.isDirectory()) return []
  const pattern = globToRegExp(segments.slice(firstGlob).join('/'))
  return (await walk(base)).filter((f) => {
    const relative = path.relative(base, f).split(path.sep).join('/')
    return pattern.test(relative)
  })
}

/** All regular files under dir, skipping dot-directories and node_modules. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  const pending = [dir]
  let seen = 0
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const current = pending.pop()!
    const entries = await readdir(current, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      seen++
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(full)
      } else if (entry.isFile()) {
        out.push(full)
      }
    }
  }
  return out.sort()
}
