import { decodeEntities } from './parse-html.js'

const CODE_SPAN = /(`+)([\s\S]*?[^`])\1(?!`)/g
const ESCAPABLE = /\\([!-/:-@[-`{-~])/g
const HOLE = /\uE000(\d+)\uE001/g
const MAX_MARKUP_CHARS = 10_000

/**
 * Plain text of a Markdown inline run, as commonmark's Text/Code nodes give it: emphasis markers,
 * link targets and inline HTML removed, code spans and escapes kept literally.
 */
export function inlineText(source: string): string {
  // Beyond this length the markup patterns could backtrack quadratically: keep the text as is.
  if (source.length > MAX_MARKUP_CHARS) return decodeEntities(source)
  const literals: string[] = []
  const hold = (text: string): string => `\uE000${literals.push(text) - 1}\uE001`
  let text = source.replace(CODE_SPAN, (_whole, _ticks: string, code: string) =>
    hold(normaliseCodeSpan(code)),
  )
  text = text.replace(ESCAPABLE, (_whole, ch: string) => hold(ch))
  text = text
    .replace(/<((?:https?|mailto|ftp):[^\s<>]*)>/gi, (_whole, url: string) => hold(url))
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1')
    .replace(/\*(\S)\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, '$1$2')
  text = decodeEntities(text)
  return text.replace(HOLE, (_whole, index: string) => literals[Number(index)] ?? '')
}

/** Code span content: line endings become spaces and one surrounding space pair is stripped. */
function normaliseCodeSpan(code: string): string {
  const flat = code.replace(/\n/g, ' ')
  return /^ .*[^ ].* $/.test(flat) ? flat.slice(1, -1) : flat
}

/** Splits a GFM table row into cell sources; `\|` stays inside a cell. */
export function splitTableRow(line: string): string[] {
  let row = line.trim()
  if (row.startsWith('|')) row = row.slice(1)
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1)
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]
    if (ch === '\\' && row[i + 1] === '|') {
      cell += '|'
      i++
    } else if (ch === '|') {
      cells.push(cell.trim())
      cell = ''
    } else cell += ch
  }
  cells.push(cell.trim())
  return cells
}
