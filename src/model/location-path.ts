/** A `location` URI (file:///absolute, file:///./relative to the capability file) as an absolute path. */
import { dirname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ResolveContext } from './resolve-context.js'

export function locationPath(
  location: string,
  rc: ResolveContext,
  pointer: string,
): string | undefined {
  try {
    if (/^file:\/\/\/\.\.?\//.test(location))
      return resolve(dirname(rc.file), location.slice('file:///'.length))
    if (/^file:/.test(location)) return fileURLToPath(location)
    return resolve(dirname(rc.file), location)
  } catch {
    rc.report(
      'SCHEMA_PATTERN',
      pointer,
      `Location "${location}" is not a valid file: URI.`,
      'Use file:///absolute/path or file:///./relative/path.',
    )
    return undefined
  }
}

/** Whether a real path (symlinks resolved) is the location's real root or below it. */
export function isInsideLocation(root: string, real: string): boolean {
  return real === root || real.startsWith(root + sep)
}
