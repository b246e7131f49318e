import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { parseYaml } from './parse-yaml.js'
import { yamlFiles } from './test-kit.js'
import { SHARED_ROOT } from '../../test/support/shared-root.js'

const ROOT = join(import.meta.dirname, '..', '..')

/** What the full-AST parser alone makes of a text: the reference the fast path must match. */
function reference(text: string): { data: unknown; errors: number } {
  const doc = parseDocument(text, { uniqueKeys: true })
  return {
    data: doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 }),
    errors: doc.errors.length,
  }
}

describe('parseYaml', () => {
  const corpus = [
    ...yamlFiles(join(ROOT, 'examples')),
    ...yamlFiles(join(ROOT, 'test')),
    ...yamlFiles(join(SHARED_ROOT, 'conformance')),
    ...yamlFiles(join(SHARED_ROOT, 'seeds')),
  ]

  it('reads every capability and fixture in the repository exactly as the full parser does', () => {
    expect(corpus.length).toBeGreaterThan(100)
    const differing = corpus.filter((file) => {
      const text = readFileSync(file, 'utf8')
      const expected = reference(text)
      const actual = parseYaml(text)
      return expected.errors > 0
        ? actual.problems.length === 0
        : JSON.stringify(actual.data) !== JSON.stringify(expected.data)
    })
    expect(differing).toEqual([])
  })

  it.each([
    'a: 1_000',
    'a: 0b101',
    'a: 0o17',
    'a: 0x1F',
    'a: 012',
    'a: +12',
    'a: .5',
    'a: 1e3',
    'a: .Inf',
    'a: -.inf',
    'a: .NaN',
    'a: True',
    'a: yes',
    'a: on',
    'a: ~',
    'a: Null',
    'a:',
    'a: 2026-11-22',
    'a: 1.0.0-alpha2',
    'a: "\\u00e9\\t"',
    "a: 'it''s'",
    'a: |\n  line\n  two\n',
    'a: >-\n  folded\n  text\n',
    '200: ok',
    '? [a, b]\n: c',
    'a: !!str 12',
    'a: [1, {b: 2}]',
    '__proto__: {polluted: true}',
  ])('types the scalar %j like the YAML 1.2 core schema', (text) => {
    expect(JSON.stringify(parseYaml(text).data)).toBe(JSON.stringify(reference(text).data))
  })

  it('reports a duplicate key with its position', () => {
    const parsed = parseYaml('a: 1\nb: 2\na: 3\n')
    expect(parsed.problems).toEqual([
      expect.objectContaining({ kind: 'duplicate-key', location: { line: 3, column: 1 } }),
    ])
  })

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n')
    const parsed = parseYaml(bomb)
    expect(parsed.data).toBeUndefined()
    expect(parsed.problems[0]?.kind).toBe('alias-limit')
  })

  it('still expands a few aliases', () => {
    expect(parseYaml('a: &x {k: 1}\nb: *x\n').data).toEqual({ a: { k: 1 }, b: { k: 1 } })
  })

  it('locates nodes by JSON pointer on a file the fast path read', () => {
    const parsed = parseYaml(
      'info:\n  label: x\ncapability:\n  exposes:\n    - type: rest\n      port: 80\n',
    )
    expect(parsed.problems).toEqual([])
    expect(parsed.locate('/capability/exposes/0/port')).toEqual({ line: 6, column: 13 })
    expect(parsed.locateKey('/capability/exposes/0/port')).toEqual({ line: 6, column: 7 })
  })
})
