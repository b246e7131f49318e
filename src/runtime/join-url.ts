/** Base URI and resource path joined by exactly one slash (the Java engine concatenates them as is). */
export function joinUrl(base: string, path: string): string {
  if (!path) return base
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
}
