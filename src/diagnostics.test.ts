import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DIAGNOSTIC_CODES, diagnostic, hasErrors, joinPointer } from './diagnostics.js'

/** Rows of docs/errors.md tables: | `CODE` | severity | meaning | */
function documentedCodes(): Map<string, string> {
  const text = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')
  const rows = new Map<string, string>()
  for (const m of text.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| (error|warning|info) \|/gm)) {
    expect(rows.has(m[1]!), `${m[1]} is documented twice`).toBe(false)
    rows.set(m[1]!, m[2]!)
  }
  return rows
}

describe('docs/errors.md', () => {
  const documented = documentedCodes()

  it('documents every code of DIAGNOSTIC_CODES', () => {
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !documented.has(code))
    expect(missing, 'add a table row to docs/errors.md for each').toEqual([])
  })

  it('documents no code that no longer exists', () => {
    const stale = [...documented.keys()].filter((code) => !(code in DIAGNOSTIC_CODES))
    expect(stale, 'remove these rows from docs/errors.md').toEqual([])
  })

  it('states each code with its default severity', () => {
    const wrong = Object.entries(DIAGNOSTIC_CODES)
      .filter(([code, entry]) => documented.has(code) && documented.get(code) !== entry.severity)
      .map(([code, entry]) => `${code}: registry ${entry.severity}, docs ${documented.get(code)}`)
    expect(wrong).toEqual([])
  })
})

describe('diagnostic()', () => {
  it('uses the registry severity unless overridden', () => {
    expect(diagnostic('SCHEMA_UNKNOWN_PROPERTY', { message: 'm', pointer: '' }).severity).toBe(
      'warning',
    )
    const d = diagnostic('SCHEMA_UNKNOWN_PROPERTY', {
      message: 'm',
      pointer: '',
      severity: 'error',
    })
    expect(hasErrors([d])).toBe(true)
  })

  it('escapes pointer segments', () => {
    expect(joinPointer('/paths', '/a~b', 0)).toBe('/paths/~1a~0b/0')
  })
})
