import type { Diagnostic } from '../diagnostics.js'
import type { LoadedDocument } from './load-document.js'

/** Fills file/line/column from the diagnostic's pointer; an unknown position is the file's start. */
export function attachLocation(d: Diagnostic, doc: LoadedDocument): Diagnostic {
  const location = doc.locate(d.pointer) ?? { line: 1, column: 1 }
  return {
    ...d,
    file: d.file ?? doc.file,
    line: d.line ?? location.line,
    column: d.column ?? location.column,
  }
}
