import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compatSchemaText } from './write-compat-schema.js'

describe('schemas/capability.schema.json', () => {
  it('is the published form of the compat schema (regenerate with src/spec/write-compat-schema.ts)', () => {
    const published = readFileSync(
      new URL('../../schemas/capability.schema.json', import.meta.url),
      'utf8',
    )
    expect(published).toBe(compatSchemaText())
  })

  it('is a JSON Schema 2020-12 document that names every supported version', () => {
    const schema = JSON.parse(compatSchemaText())
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.properties.naftiko.enum).toEqual(['1.0.0-alpha1', '1.0.0-alpha2', '1.0.0-alpha3'])
  })
})
