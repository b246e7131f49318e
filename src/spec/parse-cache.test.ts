import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDocument } from './load-document.js'
import { exactJson, parseKey, type ParseCache } from './parse-cache.js'
import { parseYaml } from './parse-yaml.js'
import { fixtureCorpus } from './test-kit.js'

function memoryCache(): ParseCache & { readonly entries: Map<string, string>; sets: number } {
  const entries = new Map<string, string>()
  return {
    entries,
    sets: 0,
    getParsed: (key) => entries.get(key),
    setParsed(key, json) {
      this.sets++
      entries.set(key, json)
    },
  }
}

describe('parseYaml with a parse cache', () => {
  it('gives, from the cache, exactly the data, diagnostics and positions of a fresh parse on every fixture', () => {
    const corpus = fixtureCorpus()
    const cache = memoryCache()
    let cached = 0
    for (const file of corpus) {
      const text = readFileSync(file, 'utf8')
      const fresh = parseDocument(text, file)
      parseDocument(text, file, cache)
      const sets = cache.sets
      const again = parseDocument(text, file, cache)
      expect(cache.sets).toBe(sets)
      if (cache.entries.has(parseKey(text))) cached++
      expect({ file, data: again.document?.data }).toEqual({ file, data: fresh.document?.data })
      expect({ file, diagnostics: again.diagnostics }).toEqual({
        file,
        diagnostics: fresh.diagnostics,
      })
      if (fresh.document) {
        for (const pointer of ['', '/capability', '/info/label', '/capability/exposes/0']) {
          expect(again.document!.locate(pointer)).toEqual(fresh.document.locate(pointer))
          expect(again.document!.locateKey(pointer)).toEqual(fresh.document.locateKey(pointer))
        }
      }
    }
    expect(cached).toBeGreaterThan(50)
  })

  it('reads a stored file without the YAML parser: the stored data is what comes back', () => {
    const cache = memoryCache()
    const text = 'naftiko: 1.0.0-alpha2\ninfo: {label: x}\n'
    cache.entries.set(parseKey(text), JSON.stringify({ naftiko: 'stored' }))
    expect(parseYaml(text, cache).data).toEqual({ naftiko: 'stored' })
    expect(cache.sets).toBe(0)
  })

  it('parses the text again when its entry is damaged, and replaces the entry', () => {
    const cache = memoryCache()
    const text = 'a: [1, 2]\n'
    cache.entries.set(parseKey(text), '{"a": [1,')
    expect(parseYaml(text, cache).data).toEqual({ a: [1, 2] })
    expect(cache.entries.get(parseKey(text))).toBe('{"a":[1,2]}')
  })

  it('does not store a file with a problem, an alias, or a value JSON cannot carry', () => {
    const cache = memoryCache()
    for (const text of [
      'a: [1\n',
      'a: 1\na: 2\n',
      'x: &v 1\ny: *v\n',
      'a: .nan\n',
      'a: -.inf\n',
      'a: -0.0\n',
    ]) {
      parseYaml(text, cache)
    }
    expect(cache.sets).toBe(0)
  })

  it('keys by exact text: an edit, even of a comment, is another key', () => {
    expect(parseKey('a: 1\n')).toBe(parseKey('a: 1\n'))
    expect(parseKey('a: 1\n')).not.toBe(parseKey('a: 1 # note\n'))
  })
})

describe('exactJson', () => {
  it('keeps plain data, including a __proto__ key, and refuses what JSON would change', () => {
    const data = JSON.parse('{"__proto__": {"x": 1}, "a": [null, true, "s", 1.5, {"b": []}]}')
    expect(JSON.parse(exactJson(data)!)).toEqual(data)
    expect(Object.keys(JSON.parse(exactJson(data)!) as object)).toEqual(['__proto__', 'a'])
    expect(exactJson({ a: [Number.NaN] })).toBeUndefined()
    expect(exactJson({ a: { b: Number.POSITIVE_INFINITY } })).toBeUndefined()
    expect(exactJson(-0)).toBeUndefined()
    expect(exactJson({ d: new Date(0) })).toBeUndefined()
    expect(exactJson({ u: undefined })).toBeUndefined()
  })
})
