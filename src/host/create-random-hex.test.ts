import { describe, expect, it } from 'vitest'
import { createRandomHex } from './create-random-hex.js'

describe('createRandomHex', () => {
  it('gives ids of the asked length that do not repeat across pool refills', () => {
    const hex = createRandomHex(64)
    const ids = Array.from({ length: 200 }, () => hex(16))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(new Set(ids).size).toBe(ids.length)
    expect(hex(100)).toMatch(/^[0-9a-f]{200}$/)
  })
})
