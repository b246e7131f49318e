import type { DecoderFactory } from './types.js'
import { invalidResponse, setField, utf8Text } from './invalid-response.js'

/**
 * `csv`/`tsv`/`psv`: the header row names the columns; each later row becomes an object of
 * strings (RFC 4180 quoting with `"`). Short rows omit missing columns (as Jackson CSV); extra
 * non-empty cells are an error; blank lines are skipped.
 */
export function delimitedDecoder(separator: ',' | '\t' | '|', label: string): DecoderFactory {
  return () => (bytes) => {
    const rows = splitRows(utf8Text(bytes), separator, label)
    const header = rows.shift()
    if (header === undefined) return []
    return rows.map((row, index) => {
      const record: Record<string, unknown> = {}
      row.forEach((cell, column) => {
        const name = header[column]
        if (name !== undefined) setField(record, name, cell)
        else if (cell !== '') {
          throw invalidResponse(
            label,
            `row ${index + 2} has ${row.length} cells but the header has ${header.length}`,
          )
        }
      })
      return record
    })
  }
}

/** Splits delimited text into rows of cells, honouring quotes that span separators and lines. */
export function splitRows(text: string, separator: string, label = 'CSV'): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let wasQuoted = false
  const endRow = (): void => {
    row.push(cell)
    if (!(row.length === 1 && row[0] === '' && !wasQuoted)) rows.push(row)
    row = []
    cell = ''
    wasQuoted = false
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch !== '"') cell += ch
      else if (text[i + 1] === '"') {
        cell += '"'
        i++
      } else quoted = false
    } else if (ch === '"' && cell === '') {
      quoted = true
      wasQuoted = true
    } else if (ch === separator) {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRow()
    } else cell += ch
  }
  if (quoted) throw invalidResponse(label, 'a quoted field is not closed')
  if (cell !== '' || row.length > 0 || wasQuoted) endRow()
  return rows
}
