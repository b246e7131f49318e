/**
 * Conditional GET for skill files, listings and zips (RFC 9110 §13.1): weak ETags from sizes and
 * modification times, and whether the client's copy is current, so a polling agent gets 304s.
 */
import { createHash } from 'node:crypto'

/** A weak validator: the same file content at the same mtime gives the same tag. */
export function fileEtag(size: number, mtime: Date): string {
  return `W/"${size.toString(16)}-${Math.floor(mtime.getTime()).toString(16)}"`
}

/** A weak validator of a set of files (a listing or a zip): any file added, removed or changed gives a new tag. */
export function treeEtag(
  files: readonly { readonly path: string; readonly size: number; readonly mtime: Date }[],
): string {
  const hash = createHash('sha256')
  for (const f of files) hash.update(`${f.path}\u0000${f.size}\u0000${f.mtime.getTime()}\n`)
  return `W/"${hash.digest('hex').slice(0, 16)}"`
}

/**
 * True when If-None-Match names the tag (weakly), or, without it, If-Modified-Since is not older
 * than `mtime`; with no `mtime` (a set of files, where a removal leaves no newer date) only the tag counts.
 */
export function isNotModified(
  headers: { readonly 'if-none-match'?: string; readonly 'if-modified-since'?: string },
  etag: string,
  mtime: Date | undefined,
): boolean {
  const match = headers['if-none-match']
  if (match !== undefined) {
    const opaque = etag.slice(2)
    return match
      .split(',')
      .map((t) => t.trim())
      .some((t) => t === '*' || t === etag || t === opaque || t.slice(2) === opaque)
  }
  const since = headers['if-modified-since']
  if (since === undefined || mtime === undefined) return false
  const at = Date.parse(since)
  // HTTP dates have whole seconds: compare the file's mtime at that precision
  return !Number.isNaN(at) && Math.floor(mtime.getTime() / 1000) * 1000 <= at
}
