import { describe, expect, it } from 'vitest'
import { createSecretMasker } from './mask-secrets.js'

describe('createSecretMasker', () => {
  it('masks a secret split across chunks, keeping the byte length', () => {
    const m = createSecretMasker(['sk-ABCDEFGH'])!
    const input = ['{"echo":"sk-AB', 'CDEF', 'GH","n":1}']
    const out = Buffer.concat([
      ...input.slice(0, 2).map((c) => m.push(Buffer.from(c))),
      m.flush(Buffer.from(input[2]!)),
    ]).toString()
    expect(out).toBe('{"echo":"***********","n":1}')
    expect(out.length).toBe(input.join('').length)
  })
  it('ignores values too short to be secrets', () => {
    expect(createSecretMasker(['abc'])).toBeUndefined()
  })
})
