/**
 * The only module that imports a YAML parser: turns text into plain data plus a pointer → position
 * index. js-yaml reads well-formed files fast; `yaml` (slower, but with a full AST) gives positions
 * on demand and the exact message for anything js-yaml refuses.
 */
import { createRequire } from 'node:module'
import type * as JsYaml from 'js-yaml'
import type * as Yaml from 'yaml'
import type { Node } from 'yaml'
import { exactJson, parseKey, type ParseCache } from './parse-cache.js'

/** 1-based line and column. */
export interface SourceLocation {
  line: number
  column: number
}

export interface YamlProblem {
  readonly kind: 'syntax' | 'duplicate-key' | 'alias-limit'
  readonly message: string
  readonly location: SourceLocation
}

export interface ParsedYaml {
  readonly data: unknown
  readonly problems: readonly YamlProblem[]
  locate(pointer: string): SourceLocation | undefined
  /** Like locate, but a mapping entry reports its key's position. */
  locateKey(pointer: string): SourceLocation | undefined
}

/** Aliases are legal YAML, but expanding many of them is the "billion laughs" attack. */
const MAX_ALIAS_COUNT = 100

/** With a cache, a file read before (and parsed without any problem) skips the YAML parser. */
export function parseYaml(text: string, cache?: ParseCache): ParsedYaml {
  const key = cache === undefined ? undefined : parseKey(text)
  const stored = key === undefined ? undefined : cache!.getParsed(key)
  const cached = stored === undefined ? undefined : storedData(stored)
  const fast = cached?.ok ? cached : loadWithoutPositions(text)
  if (!fast.ok) return parseWithPositions(text)
  if (key !== undefined && cached?.ok !== true) {
    const json = exactJson(fast.data)
    if (json !== undefined) cache!.setParsed(key, json)
  }
  // positions are only needed when a diagnostic is reported, so the AST is built on first use
  let full: ParsedYaml | undefined
  const positions = (): ParsedYaml => (full ??= parseWithPositions(text))
  return {
    data: fast.data,
    problems: [],
    locate: (pointer) => positions().locate(pointer),
    locateKey: (pointer) => positions().locateKey(pointer),
  }
}

/**
 * Any refusal (syntax, duplicate key, unknown tag, more than one document) or any alias sends the
 * file to the full parser: aliases are shared references here, which later walks would expand.
 */
function loadWithoutPositions(text: string): { ok: true; data: unknown } | { ok: false } {
  try {
    const { load, CORE_SCHEMA } = jsYaml()
    const data = load(text, { schema: CORE_SCHEMA, maxAliases: 0 })
    return { ok: true, data: data === undefined ? null : data }
  } catch {
    return { ok: false }
  }
}

function storedData(json: string): { ok: true; data: unknown } | { ok: false } {
  try {
    return { ok: true, data: JSON.parse(json) as unknown }
  } catch {
    return { ok: false } // a damaged entry: the text is parsed and the entry replaced
  }
}

function parseWithPositions(text: string): ParsedYaml {
  const { LineCounter, parseDocument } = yaml()
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const at = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    kind: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax',
    message: firstLine(e.message),
    location: at(e.pos[0]),
  }))
  let data: unknown = undefined
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    } catch (err) {
      // yaml throws a ReferenceError when alias expansion exceeds maxAliasCount
      problems.push({
        kind: 'alias-limit',
        message: `too many alias expansions (limit ${MAX_ALIAS_COUNT}): ${firstLine(String((err as Error).message))}`,
        location: { line: 1, column: 1 },
      })
    }
  }
  return {
    data,
    problems,
    locate: (pointer) => locateNode(doc.contents as Node | null, pointer, at, false),
    locateKey: (pointer) => locateNode(doc.contents as Node | null, pointer, at, true),
  }
}

// the parsers are required on first use: a start whose files all come from the parse cache runs
// neither; the CommonJS bundle defers a literal require to its call, ESM modules use createRequire
/* eslint-disable @typescript-eslint/no-require-imports */
const esmRequire = typeof require === 'function' ? undefined : createRequire(import.meta.url)

function jsYaml(): typeof JsYaml {
  return esmRequire === undefined ? require('js-yaml') : esmRequire('js-yaml')
}

function yaml(): typeof Yaml {
  return esmRequire === undefined ? require('yaml') : esmRequire('yaml')
}
/* eslint-enable @typescript-eslint/no-require-imports */

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

function decodeSegments(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Walks the AST; a mapping value reports its key's position, a missing child its nearest ancestor. */
function locateNode(
  root: Node | null,
  pointer: string,
  at: (offset: number) => SourceLocation,
  preferKey: boolean,
): SourceLocation | undefined {
  if (!root || !root.range) return undefined
  const { isMap, isPair, isScalar, isSeq } = yaml()
  let node: Node = root
  let best: SourceLocation = at(root.range[0])
  for (const segment of decodeSegments(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment,
      )
      if (!pair) return best
      const key = pair.key as Node
      const value = pair.value as Node | null
      if (!value || !value.range || !isScalar(value) || preferKey) {
        best = key.range ? at(key.range[0]) : best
        if (!value || !value.range) return best
      } else {
        best = at(value.range[0])
      }
      node = value
    } else if (isSeq(node)) {
      const index = Number(segment)
      const item = Number.isInteger(index) ? (node.items[index] as Node | undefined) : undefined
      if (!item || !item.range) return best
      best = at(item.range[0])
      node = item
    } else {
      return best
    }
  }
  return best
}
