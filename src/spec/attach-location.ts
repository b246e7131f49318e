import type { Diagnostic, DiagnosticCode } from '../diagnostics.js'
import type { LoadedDocument, SourceLocation } from './load-document.js'

/** Diagnostics about a key itself (not its value) point at the key. */
const AT_KEY = new Set<DiagnosticCode>(['SCHEMA_UNKNOWN_PROPERTY', 'COMPAT_INFO_TITLE'])

/**
 * Fills file/line/column from the diagnostic's pointer; an unknown position is the file's start.
 * Line and column are looked up when first read: locating needs the full YAML syntax tree, and
 * `capstan run` reads the positions of its hundreds of inferences only if someone asks for them.
 */
export function attachLocation(d: Diagnostic, doc: LoadedDocument): Diagnostic {
  const file = d.file ?? doc.file
  if (d.line !== undefined && d.column !== undefined) return { ...d, file }
  let location: SourceLocation | undefined
  const locate = (): SourceLocation =>
    (location ??= (AT_KEY.has(d.code) ? doc.locateKey(d.pointer) : doc.locate(d.pointer)) ?? {
      line: 1,
      column: 1,
    })
  const located = { ...d, file } as Diagnostic
  Object.defineProperties(located, {
    line: { enumerable: true, configurable: true, get: () => d.line ?? locate().line },
    column: { enumerable: true, configurable: true, get: () => d.column ?? locate().column },
  })
  return located
}
