/** Shape checks for parsed JSON-RPC bodies, shared by the hot paths. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True when every own enumerable key of `value` is one of `allowed`. */
export function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false
  return true
}

/** A JSON-RPC id the SDK echoes unchanged: a string or a safe integer. */
export function isPlainId(id: unknown): id is string | number {
  return typeof id === 'string' || Number.isSafeInteger(id)
}
