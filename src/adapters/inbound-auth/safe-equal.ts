/** Constant-time string comparison: hashing first makes lengths equal and hides them. */
import { createHash, timingSafeEqual } from 'node:crypto'

export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b)
}

/** Short, non-reversible label for a credential (rate-limit keys, logs): never the value. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12)
}
