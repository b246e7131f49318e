/**
 * JSONPath compiled at load: RFC 9535 (jsonpath-rfc9535, no code evaluation) plus the format's
 * conventions: `$` and `$.` are the root; a singular path yields one value, others a list.
 */
import parse from 'jsonpath-rfc9535/parser'
import { query, type JsonValue } from 'jsonpath-rfc9535'
import type { JsonPath } from './types.js'

export interface JsonPathCompileResult {
  readonly path?: JsonPath
  readonly error?: string
}

interface Segment {
  readonly type: string
  readonly node: {
    readonly type: string
    readonly value?: unknown
    readonly selectors?: readonly { type: string; value?: unknown }[]
  }
}

export function compileJsonPath(source: string): JsonPathCompileResult {
  const text = source.trim()
  if (text === '$' || text === '$.') return { path: freeze(source, true, (doc) => doc) }
  let ast: { segments: readonly Segment[] }
  try {
    ast = parse(text) as { segments: readonly Segment[] }
  } catch (error) {
    const retried = retryWithBrackets(text)
    if (retried !== undefined) return compileJsonPath(retried)
    const reason = error instanceof Error ? error.message : 'syntax error'
    return { error: `JSONPath "${source}" does not parse: ${reason}` }
  }
  const keys = singularKeys(ast.segments)
  if (keys !== undefined) return { path: freeze(source, true, (doc) => walk(doc, keys)) }
  return {
    path: freeze(source, false, (doc) => (doc === undefined ? [] : query(doc as JsonValue, text))),
  }
}

function freeze(source: string, definite: boolean, evaluate: (doc: unknown) => unknown): JsonPath {
  return Object.freeze({ source, definite, evaluate })
}

/** A path of names and indexes only compiles to a direct walk (the common case, and fast). */
function singularKeys(segments: readonly Segment[]): (string | number)[] | undefined {
  const keys: (string | number)[] = []
  for (const segment of segments) {
    if (segment.type !== 'ChildSegment') return undefined
    const node = segment.node
    if (node.type === 'MemberNameShorthand') keys.push(String(node.value))
    else if (node.type === 'BracketedSelection' && node.selectors?.length === 1) {
      const selector = node.selectors[0]!
      if (selector.type === 'NameSelector') keys.push(String(selector.value))
      else if (selector.type === 'IndexSelector') keys.push(Number(selector.value))
      else return undefined
    } else return undefined
  }
  return keys
}

function walk(doc: unknown, keys: readonly (string | number)[]): unknown {
  let current = doc
  for (const key of keys) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined
      current = current[key < 0 ? current.length + key : key]
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current))
        return undefined
      if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined
      current = (current as Record<string, unknown>)[key]
    }
  }
  return current
}

/** `$.foo bar.baz` is accepted by the Java engine: rewrite dotted names with spaces as brackets. */
function retryWithBrackets(text: string): string | undefined {
  if (!text.startsWith('$.') || !text.includes(' ') || text.includes('[')) return undefined
  const parts = text.slice(2).split('.')
  return '$' + parts.map((p) => `[${JSON.stringify(p)}]`).join('')
}
