import type { DecoderFactory } from './types.js'
import { badOption, setField, utf8Text } from './invalid-response.js'
import { compileCssSelector, type CssSelector } from './css-selector.js'
import { descendants, parseHtml, textOf, type HtmlElement } from './parse-html.js'

/**
 * `html`: `{tables: [[{header: cell}]]}` from every `<table>` (or those selected by the CSS
 * selector in `outputSchema`, a selected non-table contributing the tables inside it). Headers come
 * from the first `thead` row's `th`, else from `th` cells of first rows; rows holding a `th` are skipped.
 */
export const decodeHtml: DecoderFactory = (options) => {
  const source = options.outputSchema?.trim() ?? ''
  let selector: CssSelector | undefined
  try {
    selector = source === '' ? undefined : compileCssSelector(source)
  } catch (error) {
    throw badOption('html', `outputSchema: ${(error as Error).message}`)
  }
  return (bytes) => {
    const document = parseHtml(utf8Text(bytes))
    const tables: Record<string, unknown>[][] = []
    for (const table of selectTables(document, selector)) {
      const headers = headersOf(table)
      if (headers.every((header) => header === '')) continue
      tables.push(rowsOf(table).map((cells) => toRecord(headers, cells)))
    }
    return { tables }
  }
}

/** Builds one row object; missing cells are '', extra cells are dropped. */
export function toRecord(
  headers: readonly string[],
  cells: readonly string[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  headers.forEach((header, index) => setField(record, header, cells[index] ?? ''))
  return record
}

function selectTables(document: HtmlElement, selector: CssSelector | undefined): HtmlElement[] {
  const all = (root: HtmlElement): HtmlElement[] =>
    [...descendants(root)].filter((element) => element.tag === 'table')
  if (selector === undefined) return all(document)
  const tables = new Set<HtmlElement>()
  for (const element of selector.select(document)) {
    if (element.tag === 'table') tables.add(element)
    else for (const table of all(element)) tables.add(table)
  }
  return [...tables]
}

const SECTIONS = new Set(['thead', 'tbody', 'tfoot'])

function childElements(element: HtmlElement, tags?: ReadonlySet<string> | string): HtmlElement[] {
  const out: HtmlElement[] = []
  for (const child of element.children) {
    if (typeof child === 'string') continue
    if (tags === undefined || (typeof tags === 'string' ? child.tag === tags : tags.has(child.tag)))
      out.push(child)
  }
  return out
}

/** The table's own rows (not those of nested tables), with the section each sits in. */
function ownRows(table: HtmlElement): { row: HtmlElement; section: string; first: boolean }[] {
  const rows: { row: HtmlElement; section: string; first: boolean }[] = []
  const collect = (parent: HtmlElement, section: string): void => {
    childElements(parent).forEach((child, index) => {
      if (child.tag === 'tr') rows.push({ row: child, section, first: index === 0 })
      else if (parent === table && SECTIONS.has(child.tag)) collect(child, child.tag)
    })
  }
  collect(table, 'table')
  return rows
}

function headersOf(table: HtmlElement): string[] {
  const rows = ownRows(table)
  const fromThead = rows.find((entry) => entry.section === 'thead' && entry.first)
  let cells = fromThead === undefined ? [] : childElements(fromThead.row, 'th')
  if (cells.length === 0)
    cells = rows.filter((entry) => entry.first).flatMap((entry) => childElements(entry.row, 'th'))
  return cells.map((cell) => textOf(cell).trim())
}

function rowsOf(table: HtmlElement): string[][] {
  const rows = ownRows(table)
  const body = rows.filter((entry) => entry.section === 'tbody')
  const chosen = body.length > 0 ? body : rows
  const out: string[][] = []
  for (const { row } of chosen) {
    if (childElements(row, 'th').length > 0) continue
    const cells = childElements(row, 'td')
    if (cells.length > 0) out.push(cells.map((cell) => textOf(cell).trim()))
  }
  return out
}
