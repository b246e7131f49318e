/**
 * Diagnostics → text (one header line, a code frame, a hint) or one JSON array for machines.
 */
import type { Diagnostic } from '../diagnostics.js'

export interface RenderOptions {
  readonly format: 'text' | 'json'
  /** Source text of a file for code frames; undefined when unavailable. */
  readSource(file: string): string | undefined
}

export function renderDiagnostics(diags: readonly Diagnostic[], options: RenderOptions): string {
  if (options.format === 'json') {
    return JSON.stringify(
      diags.map((d) => ({
        file: d.file ?? null,
        line: d.line ?? 1,
        column: d.column ?? 1,
        pointer: d.pointer,
        code: d.code,
        severity: d.severity,
        message: d.message,
      })),
      null,
      2,
    )
  }
  const sources = new Map<string, string[] | undefined>()
  const linesOf = (file: string): string[] | undefined => {
    if (!sources.has(file)) sources.set(file, options.readSource(file)?.split(/\r?\n/))
    return sources.get(file)
  }
  const blocks = diags.map((d) => {
    const line = d.line ?? 1
    const column = d.column ?? 1
    const where = d.file === undefined ? '' : `${d.file}:${line}:${column} `
    const out = [`${where}${d.severity} ${d.code} ${d.message}`]
    const lines = d.file === undefined ? undefined : linesOf(d.file)
    if (lines) out.push(...codeFrame(lines, line, column))
    if (d.hint) out.push(`  hint: ${d.hint}`)
    return out.join('\n')
  })
  return blocks.length === 0 ? '' : blocks.join('\n\n') + '\n'
}

/** The offending line with a caret under the column, and one line of context on each side. */
function codeFrame(lines: string[], line: number, column: number): string[] {
  if (line < 1 || line > lines.length) return []
  const first = Math.max(1, line - 1)
  const last = Math.min(lines.length, line + 1)
  const width = String(last).length
  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' '
    const text = lines[n - 1]!
    out.push(`${marker} ${String(n).padStart(width)} | ${text}`.trimEnd())
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`)
  }
  return out
}
