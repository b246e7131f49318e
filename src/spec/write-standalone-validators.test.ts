import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateStandaloneValidators, STANDALONE_FILE } from './write-standalone-validators.js'
import { createValidator } from './create-validator.js'

describe('generated standalone validators', () => {
  it('match the schemas (regenerate with `npx tsx src/spec/write-standalone-validators.ts`)', () => {
    expect(readFileSync(STANDALONE_FILE, 'utf8') === generateStandaloneValidators()).toBe(true)
  })

  it('still explain an invalid document through the compiled schema', () => {
    const errors = createValidator().validate('compat', { naftiko: '1.0.0-alpha2', info: 3 })
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.some((e) => e.instancePath === '/info')).toBe(true)
  })
})
