/**
 * Conditional GET for skill files (RFC 9110 §13.1): a weak ETag from size and modification time,
 * and whether the client's copy is current, so an agent polling instruction files gets 304s.
 */

/** A weak validator: the same file content at the same mtime gives the same tag. */
export function fileEtag(size: number, mtime: Date): string {
  return `W/"${size.toString(16)}-${Math.floor(mtime.getTime()).toString(16)}"`
}

/** True when If-None-Match names the tag (weakly), or, without it, If-Modified-Since is not older. */
export function isNotModified(
  headers: { readonly 'if-none-match'?: string; readonly 'if-modified-since'?: string },
  etag: string,
  mtime: Date,
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
  if (since === undefined) return false
  const at = Date.parse(since)
  // HTTP dates have whole seconds: compare the file's mtime at that precision
  return !Number.isNaN(at) && Math.floor(mtime.getTime() / 1000) * 1000 <= at
}
