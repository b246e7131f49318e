import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createValidator } from './create-validator.js'
import { parseDocument } from './load-document.js'
import { precompileValidators } from './precompile-validators.js'
import { yamlFiles } from './test-kit.js'
import { SHARED_ROOT } from '../../test/support/shared-root.js'
import { validateDocument } from './validate-document.js'

const ROOT = join(import.meta.dirname, '..', '..')
// inside the repository so the generated code resolves ajv and ajv-formats from node_modules
const OUT = join(ROOT, 'node_modules', '.cache', `capstan-precompiled-${process.pid}`)

describe('precompiled schema validators', () => {
  beforeAll(() => {
    precompileValidators(OUT)
  }, 120_000)
  afterAll(() => rmSync(OUT, { recursive: true, force: true }))

  const corpus = [
    ...yamlFiles(join(ROOT, 'examples')),
    ...yamlFiles(join(ROOT, 'test', 'fixtures')),
    ...yamlFiles(join(SHARED_ROOT, 'conformance')),
  ]

  it.each(['compat', 'strict'] as const)(
    'give exactly the diagnostics of schemas compiled at run time (%s profile)',
    (profile) => {
      const precompiled = createValidator({ precompiledDir: OUT })
      const compiled = createValidator({ precompiledDir: join(OUT, 'absent') })
      let checked = 0
      let withDiagnostics = 0
      for (const file of corpus) {
        const doc = parseDocument(readFileSync(file, 'utf8'), file).document
        if (!doc) continue
        const expected = validateDocument(doc, profile, compiled)
        expect(validateDocument(doc, profile, precompiled), file).toEqual(expected)
        checked++
        if (expected.length > 0) withDiagnostics++
      }
      // the corpus must exercise both valid documents and explained errors
      expect(checked).toBeGreaterThan(100)
      expect(withDiagnostics).toBeGreaterThan(10)
      expect(precompiled.runtimeCompiles()).toBe(0)
      expect(compiled.runtimeCompiles()).toBeGreaterThan(0)
    },
    120_000,
  )
})
