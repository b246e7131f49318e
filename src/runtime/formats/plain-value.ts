import { setField } from './invalid-response.js'

/**
 * Converts decoded binary values to JSON-like data: bytes → base64, 64-bit integers → number
 * when safe else decimal string, class instances → plain objects.
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
  if (typeof value !== 'object') return value
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
  if (Array.isArray(value)) return value.map(plainValue)
  if (isLong(value)) {
    const text = value.toString()
    return Number.isSafeInteger(Number(text)) ? Number(text) : text
  }
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) setField(out, key, plainValue(child))
  return out
}

interface LongLike {
  low: number
  high: number
  unsigned: boolean
  toString(): string
}

function isLong(value: object): value is LongLike {
  const candidate = value as Partial<LongLike>
  return (
    typeof candidate.low === 'number' &&
    typeof candidate.high === 'number' &&
    typeof candidate.unsigned === 'boolean'
  )
}
