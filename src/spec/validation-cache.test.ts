import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics.js'
import { createValidator } from './create-validator.js'
import { parseDocument } from './load-document.js'
import { fixtureCorpus } from './test-kit.js'
import { validateDocument, type Profile } from './validate-document.js'
import { validationKey, type ValidationCache } from './validation-cache.js'

/** An in-memory cache whose entries make a JSON round trip, as they do through the file. */
function jsonCache(): ValidationCache & { readonly sets: number } {
  const entries = new Map<string, string>()
  let sets = 0
  return {
    get: (key) => {
      const text = entries.get(key)
      return text === undefined ? undefined : (JSON.parse(text) as Diagnostic[])
    },
    set: (key, diagnostics) => {
      sets++
      entries.set(key, JSON.stringify(diagnostics))
    },
    get sets() {
      return sets
    },
  }
}

const positioned = (ds: readonly Diagnostic[]) =>
  ds.map((d) => ({ ...d, line: d.line, column: d.column }))

describe('validateDocument with a validation cache', () => {
  it('gives, from the cache, exactly the diagnostics of a full validation on every fixture', () => {
    const corpus = fixtureCorpus()
    const validator = createValidator()
    let compared = 0
    for (const profile of ['compat', 'strict'] as Profile[]) {
      const cache = jsonCache()
      for (const file of corpus) {
        const { document } = parseDocument(readFileSync(file, 'utf8'), file)
        if (!document) continue
        const full = positioned(validateDocument(document, profile, validator))
        const first = positioned(validateDocument(document, profile, validator, cache))
        // a fresh parse, as the next run has: positions come from it, not from the cache
        const again = parseDocument(readFileSync(file, 'utf8'), file).document!
        const cached = positioned(validateDocument(again, profile, validator, cache))
        expect({ file, diagnostics: first }).toEqual({ file, diagnostics: full })
        expect({ file, diagnostics: cached }).toEqual({ file, diagnostics: full })
        compared += full.length
      }
      expect(cache.sets).toBeGreaterThan(50)
    }
    expect(compared).toBeGreaterThan(500)
  })

  it('keys by profile and exact text: an edited file is validated again', () => {
    expect(validationKey('compat', 'a: 1\n')).not.toBe(validationKey('strict', 'a: 1\n'))
    expect(validationKey('compat', 'a: 1\n')).not.toBe(validationKey('compat', 'a: 1 \n'))
    expect(validationKey('compat', 'a: 1\n')).toBe(validationKey('compat', 'a: 1\n'))
  })
})
