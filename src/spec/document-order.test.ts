import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { documentOrder } from './document-order.js'
import { parseDocument } from './load-document.js'
import { fixtureCorpus } from './test-kit.js'
import { validateDocument } from './validate-document.js'
import { createValidator } from './create-validator.js'

describe('documentOrder', () => {
  const data = { a: 1, b: { c: [10, { d: 1 }], e: 2 }, f: 3 }
  const order = documentOrder(data)

  it('puts a parent before its children and siblings in key order', () => {
    const pointers = ['/f', '/b/e', '/b/c/1/d', '/b', '', '/b/c/0', '/a']
    expect([...pointers].sort(order)).toEqual(['', '/a', '/b', '/b/c/0', '/b/c/1/d', '/b/e', '/f'])
  })

  it('places a missing node where its nearest ancestor is, as the located position does', () => {
    expect(order('/b/missing', '/b')).toBe(0)
    expect(order('/b/missing', '/b/c')).toBeLessThan(0)
    expect(order('/b/c/9', '/b/c/0')).toBeLessThan(0)
  })

  it('sorts the diagnostics of every fixture by line and column, as the syntax tree would', () => {
    const corpus = fixtureCorpus()
    const validator = createValidator()
    let checked = 0
    const unordered: string[] = []
    for (const file of corpus) {
      const { document } = parseDocument(readFileSync(file, 'utf8'), file)
      if (!document) continue
      const diagnostics = validateDocument(document, 'compat', validator)
      checked += diagnostics.length
      for (let i = 1; i < diagnostics.length; i++) {
        const [a, b] = [diagnostics[i - 1]!, diagnostics[i]!]
        if (a.line! > b.line! || (a.line === b.line && a.column! > b.column!))
          unordered.push(
            `${file}: ${a.pointer} (${a.line}:${a.column}) before ${b.pointer} (${b.line}:${b.column})`,
          )
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(unordered).toEqual([])
  })
})
