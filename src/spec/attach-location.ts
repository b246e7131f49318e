import type { Diagnostic, DiagnosticCode } from '../diagnostics.js'
import type { LoadedDocument } from './load-document.js'

/** Diagnostics about a key itself (not its value) point at the key. */
const AT_KEY = new Set<DiagnosticCode>(['SCHEMA_UNKNOWN_PROPERTY', 'COMPAT_INFO_TITLE'])

/** Fills file/line/column from the diagnostic's pointer; an unknown position is the file's start. */
export function attachLocation(d: Diagnostic, doc: LoadedDocument): Diagnostic {
  const location = (AT_KEY.has(d.code) ? doc.locateKey(d.pointer) : doc.locate(d.pointer)) ?? {
    line: 1,
    column: 1,
  }
  return {
    ...d,
    file: d.file ?? doc.file,
    line: d.line ?? location.line,
    column: d.column ?? location.column,
  }
}
