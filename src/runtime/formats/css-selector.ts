import { descendants, type HtmlElement } from './parse-html.js'

/** One compound selector: `tag#id.class.class` (any part optional, `*` for any tag). */
interface Compound {
  readonly tag: string | undefined
  readonly id: string | undefined
  readonly classes: readonly string[]
}
/** Compounds left to right with the combinator before each (the first has none). */
type Complex = readonly { readonly combinator: ' ' | '>'; readonly compound: Compound }[]

export interface CssSelector {
  readonly source: string
  /** Matching elements under root, in document order, without duplicates. */
  select(root: HtmlElement): HtmlElement[]
}

const COMPOUND = /^(\*|[a-zA-Z][a-zA-Z0-9-]*)?((?:[#.][a-zA-Z0-9_-]+)*)$/

/**
 * Compiles a CSS selector made of tag, #id and .class compounds joined by descendant (space)
 * or child (>) combinators, with comma-separated alternatives. Throws on anything else.
 */
export function compileCssSelector(source: string): CssSelector {
  const alternatives = source.split(',').map((group) => compileComplex(group.trim(), source))
  return {
    source,
    select(root) {
      const matches: HtmlElement[] = []
      for (const element of descendants(root)) {
        if (alternatives.some((complex) => matchesComplex(element, complex, complex.length - 1)))
          matches.push(element)
      }
      return matches
    },
  }
}

function compileComplex(group: string, source: string): Complex {
  const tokens = group
    .replace(/\s*>\s*/g, ' > ')
    .split(/\s+/)
    .filter((token) => token !== '')
  const parts: { combinator: ' ' | '>'; compound: Compound }[] = []
  let combinator: ' ' | '>' = ' '
  for (const token of tokens) {
    if (token === '>') {
      if (parts.length === 0 || combinator === '>') throw unsupported(source)
      combinator = '>'
      continue
    }
    parts.push({ combinator, compound: compileCompound(token, source) })
    combinator = ' '
  }
  if (parts.length === 0 || combinator === '>') throw unsupported(source)
  return parts
}

function compileCompound(token: string, source: string): Compound {
  const match = COMPOUND.exec(token)
  if (match === null || token === '') throw unsupported(source)
  const tag = match[1] === undefined || match[1] === '*' ? undefined : match[1].toLowerCase()
  let id: string | undefined
  const classes: string[] = []
  for (const part of (match[2] ?? '').match(/[#.][^#.]+/g) ?? []) {
    if (part.startsWith('#')) id = part.slice(1)
    else classes.push(part.slice(1))
  }
  return { tag, id, classes }
}

function unsupported(source: string): Error {
  return new Error(
    `CSS selector "${source}" is not supported: use tag, #id and .class joined by spaces or >, e.g. "div#prices table.products"`,
  )
}

function matchesCompound(element: HtmlElement, compound: Compound): boolean {
  if (compound.tag !== undefined && element.tag !== compound.tag) return false
  if (compound.id !== undefined && element.attributes['id'] !== compound.id) return false
  if (compound.classes.length === 0) return true
  const classes = (element.attributes['class'] ?? '').split(/\s+/)
  return compound.classes.every((name) => classes.includes(name))
}

function matchesComplex(element: HtmlElement, complex: Complex, index: number): boolean {
  const part = complex[index]
  if (part === undefined || !matchesCompound(element, part.compound)) return false
  if (index === 0) return true
  const combinator = part.combinator
  for (
    let ancestor = element.parent;
    ancestor !== undefined && ancestor.tag !== '#document';
    ancestor = ancestor.parent
  ) {
    if (matchesComplex(ancestor, complex, index - 1)) return true
    if (combinator === '>') return false
  }
  return false
}
