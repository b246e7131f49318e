import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics.js'
import { createValidator } from './create-validator.js'
import { parseDocument, type LoadedDocument } from './load-document.js'
import { validateDocument } from './validate-document.js'
import { SHARED_ROOT } from '../../test/support/shared-root.js'

const SEEDS = path.join(SHARED_ROOT, 'seeds')
const validator = createValidator()

function load(text: string, file = '/tmp/doc.yaml'): LoadedDocument {
  const { document, diagnostics } = parseDocument(text, file)
  expect(diagnostics).toEqual([])
  return document!
}

function seed(name: string): LoadedDocument {
  const file = path.join(SEEDS, name)
  return load(readFileSync(file, 'utf8'), file)
}

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error')
const codesAt = (ds: Diagnostic[], code: string) =>
  ds.filter((d) => d.code === code).map((d) => d.pointer)

const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.yaml'))

describe('validateDocument on the seeds', () => {
  it('finds the four seeds', () => {
    expect(seeds).toHaveLength(4)
  })

  for (const name of seeds) {
    it(`${name}: 0 errors in compat, each tolerated deviation as a warning`, () => {
      const ds = validateDocument(seed(name), 'compat', validator)
      expect(errors(ds)).toEqual([])
      expect(ds.every((d) => d.file === path.join(SEEDS, name) && d.line! >= 1)).toBe(true)
      expect(codesAt(ds, 'COMPAT_CONSUMED_INPUT_KEYS').length).toBeGreaterThan(0)
      expect(codesAt(ds, 'COMPAT_OUTPUT_WITHOUT_SHAPE').length).toBeGreaterThan(0)
    })
  }

  it('qovery-container-secret: strict reports each specific deviation with its pointer', () => {
    const ds = validateDocument(seed('qovery-container-secret.yaml'), 'strict', validator)
    expect(ds.every((d) => d.severity === 'error')).toBe(true)
    // consumed inputs carry type/description/required
    const input = '/capability/consumes/0/resources/0/operations/1/inputParameters/0'
    expect(codesAt(ds, 'SCHEMA_UNKNOWN_PROPERTY')).toEqual(
      expect.arrayContaining([`${input}/type`, `${input}/description`, `${input}/required`]),
    )
    // object outputs without properties, on REST operations and MCP tools
    expect(codesAt(ds, 'SCHEMA_REQUIRED')).toEqual(
      expect.arrayContaining([
        '/capability/exposes/0/resources/0/operations/0/outputParameters/0/properties',
        '/capability/exposes/1/tools/0/outputParameters/0/properties',
      ]),
    )
    // description is not a keyword of a REST adapter in alpha2
    expect(codesAt(ds, 'SCHEMA_UNKNOWN_PROPERTY')).toContain('/capability/exposes/0/description')
    // the consumes entry is explained as an inline adapter, not as a failed import
    expect(ds.some((d) => d.pointer === '/capability/consumes/0/location')).toBe(false)
    expect(ds.some((d) => d.code === 'SCHEMA_SHAPE')).toBe(false)
  })

  it('scaleway-secret-manager-secrets: strict reports snake_case names as pattern errors', () => {
    const ds = validateDocument(seed('scaleway-secret-manager-secrets.yaml'), 'strict', validator)
    expect(codesAt(ds, 'SCHEMA_PATTERN')).toContain('/capability/consumes/0/resources/1/name')
    expect(ds.some((d) => d.pointer === '/capability/consumes/0/location')).toBe(false)
    const compat = validateDocument(
      seed('scaleway-secret-manager-secrets.yaml'),
      'compat',
      validator,
    )
    expect(
      compat.find((d) => d.pointer === '/capability/consumes/0/resources/1/name'),
    ).toMatchObject({
      code: 'SCHEMA_PATTERN',
      severity: 'warning',
    })
  })
})

const BASE = `naftiko: 1.0.0-alpha2
info:
  label: Demo
  description: Demo capability
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: BASE_URI
      resources:
        - name: items
          path: /items
          operations:
            - name: list
              method: GET
  exposes:
    - type: rest
      port: PORT
      namespace: demo
      resources:
        - path: /items
          name: items
          operations:
            - method: GET
              name: list
              call: CALL
`

function demo(over: { port?: string; baseUri?: string; call?: string } = {}): LoadedDocument {
  return load(
    BASE.replace('PORT', over.port ?? '8080')
      .replace('BASE_URI', over.baseUri ?? 'https://api.example.com')
      .replace('CALL', over.call ?? 'up.list'),
  )
}

describe('validateDocument on small documents', () => {
  it('accepts a strict document in both profiles', () => {
    expect(validateDocument(demo(), 'strict', validator)).toEqual([])
    expect(validateDocument(demo(), 'compat', validator)).toEqual([])
  })

  it('a wrong type is an error in both profiles, at the value', () => {
    for (const profile of ['compat', 'strict'] as const) {
      const ds = validateDocument(demo({ port: '"abc"' }), profile, validator)
      expect(ds.map((d) => [d.code, d.severity, d.pointer, d.line, d.column])).toEqual([
        ['SCHEMA_TYPE', 'error', '/capability/exposes/0/port', 18, 13],
      ])
    }
  })

  it('a call that is not namespace.operation is an error', () => {
    const ds = validateDocument(demo({ call: 'just-a-name' }), 'compat', validator)
    expect(errors(ds).map((d) => [d.code, d.pointer])).toEqual([
      ['SCHEMA_PATTERN', '/capability/exposes/0/resources/0/operations/0/call'],
    ])
  })

  it('baseUri: empty and templated are compat warnings, strict pattern errors; trailing slash warns', () => {
    const empty = validateDocument(demo({ baseUri: '""' }), 'compat', validator)
    expect(empty.map((d) => [d.code, d.severity])).toEqual([['COMPAT_EMPTY_BASE_URI', 'warning']])
    expect(empty[0]?.message).toContain('--upstream up=')
    const templated = validateDocument(
      demo({ baseUri: 'https://{{HOST}}/v1' }),
      'compat',
      validator,
    )
    expect(templated.map((d) => d.code)).toEqual(['COMPAT_TEMPLATED_BASE_URI'])
    const strict = validateDocument(demo({ baseUri: '""' }), 'strict', validator)
    expect(strict.map((d) => [d.code, d.severity])).toEqual([['SCHEMA_PATTERN', 'error']])
    const slash = validateDocument(
      demo({ baseUri: 'https://api.example.com/' }),
      'strict',
      validator,
    )
    expect(slash.map((d) => [d.code, d.severity, d.pointer])).toEqual([
      ['COMPAT_BASE_URI_TRAILING_SLASH', 'warning', '/capability/consumes/0/baseUri'],
    ])
    const ftp = validateDocument(demo({ baseUri: 'ftp://x' }), 'compat', validator)
    expect(errors(ftp).map((d) => d.code)).toEqual(['SCHEMA_PATTERN'])
  })

  it('an unknown key warns in compat (with a suggestion) and fails in strict', () => {
    const doc = load(
      BASE.replace('PORT', '8080\n      prot: 1')
        .replace('BASE_URI', 'https://a.b')
        .replace('CALL', 'up.list'),
    )
    const compat = validateDocument(doc, 'compat', validator)
    expect(compat.map((d) => [d.code, d.severity, d.pointer])).toEqual([
      ['SCHEMA_UNKNOWN_PROPERTY', 'warning', '/capability/exposes/0/prot'],
    ])
    expect(compat[0]?.hint).toContain("did you mean 'port'")
    const strict = validateDocument(doc, 'strict', validator)
    expect(strict.map((d) => [d.code, d.severity])).toEqual([['SCHEMA_UNKNOWN_PROPERTY', 'error']])
  })

  it('an exposes entry without type is an error naming type', () => {
    const doc = load(demo().text.replace('    - type: rest\n      port', '    - port'))
    const ds = validateDocument(doc, 'compat', validator)
    expect(errors(ds).map((d) => [d.code, d.pointer])).toEqual([
      ['SCHEMA_REQUIRED', '/capability/exposes/0/type'],
    ])
  })

  it('info.title and missing descriptions are compat warnings with the strict rewrite', () => {
    const doc = load(
      demo()
        .text.replace('  label: Demo\n  description: Demo capability', '  title: Demo')
        .replace(
          '    - type: rest\n      port: 8080\n      namespace: demo\n      resources:\n        - path: /items\n          name: items\n          operations:\n            - method: GET\n              name: list\n              call: up.list\n',
          '    - type: mcp\n      port: 3000\n      namespace: demo\n      tools:\n        - name: list\n          call: up.list\n',
        ),
    )
    const compat = validateDocument(doc, 'compat', validator)
    expect(errors(compat)).toEqual([])
    expect(compat.map((d) => [d.code, d.pointer])).toEqual([
      ['COMPAT_MISSING_DESCRIPTION', '/info/description'],
      ['COMPAT_INFO_TITLE', '/info/title'],
      ['COMPAT_MISSING_DESCRIPTION', '/capability/exposes/0/tools/0/description'],
    ])
    expect(compat[1]?.hint).toContain("rename 'title:' to 'label:'")
    const strict = validateDocument(doc, 'strict', validator)
    expect(codesAt(strict, 'SCHEMA_REQUIRED')).toEqual(
      expect.arrayContaining([
        '/info/label',
        '/info/description',
        '/capability/exposes/0/tools/0/description',
      ]),
    )
  })

  it('skips documents whose version was already reported', () => {
    const { document } = parseDocument('naftiko: 9.9.9\ncapability: 1\n', '/tmp/x.yaml')
    expect(validateDocument(document!, 'strict', validator)).toEqual([])
  })
})
