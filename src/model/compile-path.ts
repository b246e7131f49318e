/** Consumed resource paths: `{{x}}` and (compat rule 2) single-brace `{x}` placeholders. */
import type { PathPart } from './types.js'

export interface CompiledPath {
  readonly parts: readonly PathPart[]
  readonly singleBrace: readonly string[]
}

export function compilePath(source: string): CompiledPath {
  const parts: PathPart[] = []
  const singleBrace: string[] = []
  const re = /\{\{\s*([^{}\s]+)\s*\}\}|\{([^{}\s]+)\}/g
  let at = 0
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > at) parts.push({ kind: 'literal', text: source.slice(at, m.index) })
    const name = m[1] ?? m[2]!
    if (m[2] !== undefined) singleBrace.push(name)
    parts.push({ kind: 'param', name })
    at = m.index + m[0].length
  }
  if (at < source.length) parts.push({ kind: 'literal', text: source.slice(at) })
  return { parts, singleBrace }
}

/** Route variables of an exposed REST path (`{x}` or `{{x}}`). */
export function routeVariables(path: string): string[] {
  return compilePath(path).parts.flatMap((p) => (p.kind === 'param' ? [p.name] : []))
}
