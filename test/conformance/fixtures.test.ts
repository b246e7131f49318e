import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createValidator } from '../../src/spec/create-validator.js'
import { parseDocument } from '../../src/spec/load-document.js'
import { validateDocument, type Profile } from '../../src/spec/validate-document.js'
import {
  CONFORMANCE_ROOT,
  MALFORMED,
  RUNTIME_WARNINGS,
  SEMANTIC_INVALID,
  STRICT_INVALID,
} from './fixture-table.js'

interface Row {
  file: string
  versionKey: string
}

/** SOURCES.tsv: local path in column 1, `naftiko=…`/`ikanos=…` (or empty) in column 8. */
function sources(): Row[] {
  const lines = readFileSync(path.join(CONFORMANCE_ROOT, 'SOURCES.tsv'), 'utf8').trim().split('\n')
  return lines.slice(1).map((line) => {
    const cols = line.split('\t')
    return { file: cols[0]!, versionKey: cols[7] ?? '' }
  })
}

/** README.md "Validation status": the bullet list of schema-invalid files. */
function readmeInvalid(): string[] {
  const readme = readFileSync(path.join(CONFORMANCE_ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Validation status'))
  return [...section.matchAll(/^- `(upstream-fixtures\/[^`]+)` — /gm)].map((m) => m[1]!)
}

const validator = createValidator()
function check(file: string, profile: Profile) {
  const absolute = path.join(CONFORMANCE_ROOT, file)
  const { document, diagnostics } = parseDocument(readFileSync(absolute, 'utf8'), absolute)
  return [...diagnostics, ...(document ? validateDocument(document, profile, validator) : [])]
}
const errorsOf = (file: string, profile: Profile) =>
  check(file, profile)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.pointer} ${d.message}`)

const rows = sources()
const invalid = new Set(readmeInvalid())
const naftiko = rows.filter((r) => r.versionKey.startsWith('naftiko='))
const ikanos = rows.filter((r) => r.versionKey.startsWith('ikanos='))

describe('conformance fixtures: the table matches README.md', () => {
  it('lists every README-invalid Naftiko fixture in STRICT_INVALID', () => {
    const naftikoInvalid = naftiko.filter((r) => invalid.has(r.file)).map((r) => r.file)
    expect(naftikoInvalid.sort()).toEqual(STRICT_INVALID.map((e) => e.file).sort())
    expect(naftiko.length).toBeGreaterThan(50)
    expect(ikanos.length).toBeGreaterThan(50)
  })
})

describe('conformance fixtures: Naftiko documents valid upstream', () => {
  for (const row of naftiko.filter((r) => !invalid.has(r.file))) {
    it(`${row.file} (${row.versionKey}) has 0 errors in compat and strict`, () => {
      expect(errorsOf(row.file, 'compat')).toEqual([])
      expect(errorsOf(row.file, 'strict')).toEqual([])
    })
  }
})

describe('conformance fixtures: Naftiko documents invalid for their declared version', () => {
  for (const entry of STRICT_INVALID) {
    it(`${entry.file}: compat loads it with warnings, strict reports ${entry.code}`, () => {
      const compat = check(entry.file, 'compat')
      expect(compat.filter((d) => d.severity === 'error')).toEqual([])
      expect(compat.length).toBeGreaterThan(0)
      const strict = check(entry.file, 'strict')
      expect(strict.map((d) => [d.code, d.pointer])).toContainEqual([entry.code, entry.pointer])
      expect(strict.some((d) => d.code === 'SCHEMA_SHAPE')).toBe(false)
    })
  }

  for (const entry of SEMANTIC_INVALID) {
    it(`${entry.file}: schema-valid (the model layer reports ${entry.code})`, () => {
      expect(errorsOf(entry.file, 'strict')).toEqual([])
    })
  }

  for (const entry of RUNTIME_WARNINGS) {
    it(`${entry.file}: warns ${entry.code}`, () => {
      const found = check(entry.file, 'compat')
      expect(found.map((d) => [d.code, d.severity, d.pointer])).toContainEqual([
        entry.code,
        'warning',
        entry.pointer,
      ])
    })
  }
})

describe('conformance fixtures: Ikanos and malformed files', () => {
  for (const row of ikanos) {
    it(`${row.file} (${row.versionKey}) is IKANOS_NOT_SUPPORTED`, () => {
      expect(check(row.file, 'compat').map((d) => d.code)).toEqual(['IKANOS_NOT_SUPPORTED'])
    })
  }

  for (const file of MALFORMED) {
    it(`${file} is a YAML_SYNTAX error`, () => {
      expect(check(file, 'compat').map((d) => d.code)).toContain('YAML_SYNTAX')
    })
  }
})
