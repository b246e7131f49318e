import { describe, expect, it } from 'vitest'
import { heapGrowthFlag } from './heap-growth.js'

describe('heap growth setting', () => {
  it('bounds old-generation growth to 20% unless told otherwise', () => {
    expect(heapGrowthFlag(undefined)).toEqual({ kind: 'set', flag: '--heap-growing-percent=20' })
    expect(heapGrowthFlag(' ')).toEqual({ kind: 'set', flag: '--heap-growing-percent=20' })
    expect(heapGrowthFlag('50')).toEqual({ kind: 'set', flag: '--heap-growing-percent=50' })
    expect(heapGrowthFlag('0')).toEqual({ kind: 'v8-default' })
  })

  it('refuses anything but a whole number, naming the variable and the way out', () => {
    for (const bad of ['abc', '-5', '2.5', '1e9', '20%']) {
      const result = heapGrowthFlag(bad)
      expect(result.kind).toBe('invalid')
      expect(result.kind === 'invalid' && result.message).toContain(
        `CAPSTAN_HEAP_GROWTH_PERCENT=${bad} is not a whole number`,
      )
    }
  })
})
