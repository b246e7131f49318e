/**
 * Mustache variables ({{name}}, {{a.b}}) compiled once into a renderer. Semantics pinned to the
 * format: missing → '', arrays and objects → JSON, no HTML escaping. Sections are not supported.
 */
import type { Template, TemplateContext } from './types.js'

export interface TemplateCompileResult {
  readonly template?: Template
  readonly error?: string
}

type Piece = string | { readonly name: string; readonly path: readonly string[] }

const VARIABLE = /^[A-Za-z0-9_$][A-Za-z0-9_.$-]*$/

export function compileTemplate(source: string): TemplateCompileResult {
  const pieces: Piece[] = []
  let at = 0
  while (at < source.length) {
    const open = source.indexOf('{{', at)
    if (open < 0) {
      pieces.push(source.slice(at))
      break
    }
    if (open > at) pieces.push(source.slice(at, open))
    const close = source.indexOf('}}', open + 2)
    if (close < 0) return { error: `Unclosed "{{" at character ${open + 1}; close it with "}}".` }
    const raw = source.slice(open + 2, close).trim()
    if (raw.startsWith('!')) {
      at = close + 2
      continue
    }
    if (/^[#^/>&{]/.test(raw)) {
      return {
        error: `Mustache section or partial "{{${raw}}}" is not supported; use plain {{variable}} references.`,
      }
    }
    if (!VARIABLE.test(raw)) return { error: `"{{${raw}}}" is not a valid variable name.` }
    pieces.push({ name: raw, path: raw.split('.') })
    at = close + 2
  }
  return { template: toTemplate(source, pieces) }
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
  const variables = [
    ...new Set(
      pieces.filter((p) => typeof p !== 'string').map((p) => (p as { name: string }).name),
    ),
  ]
  const isStatic = variables.length === 0
  const only = pieces.length === 1 ? pieces[0] : undefined
  let render: (context: TemplateContext) => string
  if (isStatic) {
    const text = pieces.join('')
    render = () => text
  } else if (only !== undefined && typeof only !== 'string') {
    render = (context) => stringifyValue(lookupVariable(context, only.name, only.path))
  } else {
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
  }
  return Object.freeze({ source, variables, isStatic, render })
}

/** The variable when a template is exactly one `{{name}}` (lets JSON bodies keep value types). */
export function soleVariable(source: string): string | undefined {
  const match = /^\{\{\s*([A-Za-z0-9_$][A-Za-z0-9_.$-]*)\s*\}\}$/.exec(source)
  return match?.[1]
}
