/**
 * Mustache templates compiled once into a renderer: variables ({{name}}, {{a.b}}, {{{x}}}, {{&x}}),
 * sections and inverted sections as JMustache runs them (missing, null, false and [] are empty;
 * lists repeat; a value becomes the context of its body). Missing → '', arrays and objects → JSON,
 * no HTML escaping. Partials and delimiter changes are refused.
 */
import type { Template, TemplateContext } from './types.js'

export interface TemplateCompileResult {
  readonly template?: Template
  readonly error?: string
}

type Variable = { readonly kind: 'var'; readonly name: string; readonly path: readonly string[] }
type Section = {
  readonly kind: 'section'
  readonly name: string
  readonly path: readonly string[]
  readonly inverted: boolean
  readonly body: readonly Piece[]
}
type Piece = string | Variable | Section

const VARIABLE = /^[A-Za-z0-9_$][A-Za-z0-9_.$-]*$/

export function compileTemplate(source: string): TemplateCompileResult {
  const root: Piece[] = []
  /** Open sections, innermost last, each with the pieces of its body so far. */
  const open: { name: string; inverted: boolean; body: Piece[] }[] = []
  const into = (): Piece[] => open.at(-1)?.body ?? root
  let at = 0
  while (at < source.length) {
    const start = source.indexOf('{{', at)
    if (start < 0) {
      into().push(source.slice(at))
      break
    }
    if (start > at) into().push(source.slice(at, start))
    const triple = source.startsWith('{{{', start)
    const close = source.indexOf(triple ? '}}}' : '}}', start + 2)
    if (close < 0) return { error: `Unclosed "{{" at character ${start + 1}; close it with "}}".` }
    let raw = source.slice(start + (triple ? 3 : 2), close).trim()
    at = close + (triple ? 3 : 2)
    if (raw.startsWith('!')) continue
    const sigil = triple ? '&' : /^[#^/>&=]/.test(raw) ? raw[0]! : ''
    if (sigil !== '' && !triple) raw = raw.slice(1).trim()
    if (sigil === '>' || sigil === '=')
      return {
        error: `Mustache ${sigil === '>' ? 'partial' : 'delimiter change'} "{{${sigil}${raw}}}" is not supported: a capability has no partial files; write the text in place.`,
      }
    if (raw === '.' && (open.length === 0 || sigil === '#' || sigil === '^' || sigil === '/'))
      return {
        error: '"{{.}}" is the current element of a section; use it inside {{#list}}…{{/list}}.',
      }
    if (raw !== '.' && !VARIABLE.test(raw))
      return { error: `"{{${sigil}${raw}}}" is not a valid variable name.` }
    if (sigil === '#' || sigil === '^') {
      open.push({ name: raw, inverted: sigil === '^', body: [] })
      continue
    }
    if (sigil === '/') {
      const section = open.pop()
      if (section === undefined) return { error: `"{{/${raw}}}" closes no open section.` }
      if (section.name !== raw)
        return {
          error: `"{{/${raw}}}" does not close the open section "{{${section.inverted ? '^' : '#'}${section.name}}}"; end it with "{{/${section.name}}}".`,
        }
      into().push({
        kind: 'section',
        name: section.name,
        path: section.name.split('.'),
        inverted: section.inverted,
        body: section.body,
      })
      continue
    }
    into().push({ kind: 'var', name: raw, path: raw.split('.') })
  }
  const unclosed = open.at(-1)
  if (unclosed !== undefined)
    return {
      error: `Section "{{${unclosed.inverted ? '^' : '#'}${unclosed.name}}}" is not closed; end it with "{{/${unclosed.name}}}".`,
    }
  return { template: toTemplate(source, root) }
}

/** Looks a name up: the whole dotted key first, then a walk through nested objects. */
export function lookupVariable(
  context: TemplateContext,
  name: string,
  path: readonly string[],
): unknown {
  if (Object.prototype.hasOwnProperty.call(context, name)) return context[name]
  if (path.length < 2) return undefined
  let current: unknown = context
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

export function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value)
}

function toTemplate(source: string, pieces: readonly Piece[]): Template {
  // fields read inside a section may be the element's own, so only its name is listed
  const variables = [
    ...new Set(pieces.filter((p) => typeof p !== 'string').map((p) => (p as Variable).name)),
  ].filter((name) => name !== '.')
  const isStatic = pieces.every((p) => typeof p === 'string')
  const only = pieces.length === 1 ? pieces[0] : undefined
  let render: (context: TemplateContext) => string
  if (isStatic) {
    const text = pieces.join('')
    render = () => text
  } else if (only !== undefined && typeof only !== 'string' && only.kind === 'var') {
    render = (context) => stringifyValue(lookupVariable(context, only.name, only.path))
  } else if (pieces.every((p) => typeof p === 'string' || p.kind === 'var')) {
    render = (context) => {
      let out = ''
      for (const piece of pieces) {
        out +=
          typeof piece === 'string'
            ? piece
            : stringifyValue(lookupVariable(context, piece.name, piece.path))
      }
      return out
    }
  } else render = (context) => renderPieces(pieces, [context])
  return Object.freeze({ source, variables, isStatic, render })
}

/** Pieces against a stack of contexts (innermost last), as sections push their values. */
function renderPieces(pieces: readonly Piece[], stack: readonly unknown[]): string {
  let out = ''
  for (const piece of pieces) {
    if (typeof piece === 'string') out += piece
    else if (piece.kind === 'var') out += stringifyValue(resolve(stack, piece.name, piece.path))
    else {
      const value = resolve(stack, piece.name, piece.path)
      const empty =
        value === undefined ||
        value === null ||
        value === false ||
        (Array.isArray(value) && value.length === 0)
      if (piece.inverted) {
        if (empty) out += renderPieces(piece.body, stack)
      } else if (!empty) {
        const items = Array.isArray(value) ? value : [value]
        for (const item of items) out += renderPieces(piece.body, [...stack, item])
      }
    }
  }
  return out
}

/** A name through the context stack, innermost first; `.` is the innermost value itself. */
function resolve(stack: readonly unknown[], name: string, path: readonly string[]): unknown {
  if (name === '.') return stack.at(-1)
  for (let i = stack.length - 1; i >= 0; i--) {
    const context = stack[i]
    if (context === null || typeof context !== 'object' || Array.isArray(context)) continue
    const value = lookupVariable(context as TemplateContext, name, path)
    if (value !== undefined) return value
  }
  return undefined
}

/** The variable when a template is exactly one `{{name}}` (lets JSON bodies keep value types). */
export function soleVariable(source: string): string | undefined {
  const match = /^\{\{\s*([A-Za-z0-9_$][A-Za-z0-9_.$-]*)\s*\}\}$/.exec(source)
  return match?.[1]
}
