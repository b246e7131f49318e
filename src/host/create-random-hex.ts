/**
 * Random hex ids (trace and span ids) from a pooled buffer: one `randomFillSync` per few hundred
 * ids instead of one `randomBytes` per id, which was a visible share of per-request CPU.
 */
import { randomFillSync } from 'node:crypto'

export type RandomHex = (bytes: number) => string

export function createRandomHex(poolBytes = 4096): RandomHex {
  const pool = Buffer.allocUnsafe(poolBytes)
  let offset = poolBytes
  return (bytes) => {
    if (bytes > poolBytes) return randomFillSync(Buffer.allocUnsafe(bytes)).toString('hex')
    if (offset + bytes > poolBytes) {
      randomFillSync(pool)
      offset = 0
    }
    const hex = pool.toString('hex', offset, offset + bytes)
    offset += bytes
    return hex
  }
}
