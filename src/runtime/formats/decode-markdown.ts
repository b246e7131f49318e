import type { DecoderFactory } from './types.js'
import { badOption, invalidResponse, utf8Text } from './invalid-response.js'
import { toRecord } from './decode-html.js'
import { inlineText, splitTableRow } from './markdown-inline.js'

type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  | { readonly kind: 'table'; readonly headers: string[]; readonly rows: string[][] }
  | { readonly kind: 'text'; readonly text: string }

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
const HTML_BLOCK = /^ {0,3}<(?:[a-zA-Z][a-zA-Z0-9-]*(?:[\s/>]|$)|\/[a-zA-Z]|!--)/
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/
const LIST_OR_QUOTE = /^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?/

/**
 * `markdown`: `{frontMatter, tables, sections}`. Front matter is a leading `---` YAML block;
 * tables are top-level GFM tables; sections run from one heading to the next (tables excluded,
 * code and HTML blocks carry no text); `outputSchema` keeps only sections whose heading starts with it.
 */
export const decodeMarkdown: DecoderFactory = (options) => {
  const filter = options.outputSchema?.trim() ?? ''
  const parseYaml = options.parseYaml
  return (bytes) => {
    const markdown = utf8Text(bytes).replace(/\r\n?/g, '\n')
    const { frontMatter, body } = splitFrontMatter(markdown, parseYaml)
    const blocks = parseBlocks(body.split('\n'))
    const tables = blocks.flatMap((block) =>
      block.kind === 'table' && block.headers.some((header) => header !== '')
        ? [block.rows.map((cells) => toRecord(block.headers, cells))]
        : [],
    )
    const sections: { heading: string; level: number; content: string }[] = []
    for (const block of blocks) {
      if (block.kind === 'heading')
        sections.push({ heading: block.text, level: block.level, content: '' })
      const last = sections[sections.length - 1]
      if (block.kind === 'text' && last !== undefined && block.text !== '') {
        last.content = last.content === '' ? block.text : `${last.content}\n${block.text}`
      }
    }
    return {
      frontMatter,
      tables,
      sections: sections.filter((section) => filter === '' || section.heading.startsWith(filter)),
    }
  }
}

function splitFrontMatter(
  markdown: string,
  parseYaml: ((text: string) => unknown) | undefined,
): { frontMatter: unknown; body: string } {
  if (!markdown.startsWith('---\n')) return { frontMatter: {}, body: markdown }
  const end = /\n---[ \t]*(?:\n|$)/.exec(markdown.slice(3))
  if (end === null) return { frontMatter: {}, body: markdown }
  const yaml = markdown.slice(4, 3 + end.index).trim()
  const body = markdown.slice(3 + end.index + end[0].length)
  if (yaml === '') return { frontMatter: {}, body }
  if (parseYaml === undefined)
    throw badOption('markdown', 'no YAML parser was provided for front matter')
  let parsed: unknown
  try {
    parsed = parseYaml(yaml)
  } catch {
    throw invalidResponse('Markdown', 'the front matter is not valid YAML')
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  return { frontMatter: isObject ? parsed : {}, body }
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'text', text: joinLines(paragraph) })
    paragraph = []
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const fence = FENCE.exec(line)
    if (line.trim() === '') flush()
    else if (fence !== null) {
      flush()
      const marker = fence[1] ?? '```'
      i++
      while (
        i < lines.length &&
        !new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`).test(
          lines[i] ?? '',
        )
      )
        i++
    } else if (ATX.test(line)) {
      flush()
      const match = ATX.exec(line)
      blocks.push({
        kind: 'heading',
        level: match?.[1]?.length ?? 1,
        text: inlineText((match?.[2] ?? '').trim()),
      })
    } else if (
      paragraph.length > 0 &&
      SETEXT.test(line) &&
      !/^[ \t]*(?:[-*+]|>)/.test(paragraph[0] ?? '')
    ) {
      blocks.push({
        kind: 'heading',
        level: line.trim().startsWith('=') ? 1 : 2,
        text: inlineText(paragraph.map((p) => p.trim()).join(' ')),
      })
      paragraph = []
    } else if (THEMATIC.test(line)) flush()
    else if (
      paragraph.length === 0 &&
      line.includes('|') &&
      DELIMITER_ROW.test(lines[i + 1] ?? '') &&
      sameWidth(line, lines[i + 1] ?? '')
    ) {
      const headers = splitTableRow(line).map(inlineText)
      const rows: string[][] = []
      i += 2
      while (
        i < lines.length &&
        (lines[i] ?? '').trim() !== '' &&
        !ATX.test(lines[i] ?? '') &&
        !FENCE.test(lines[i] ?? '')
      ) {
        rows.push(splitTableRow(lines[i] ?? '').map(inlineText))
        i++
      }
      i--
      blocks.push({ kind: 'table', headers, rows })
    } else if (paragraph.length === 0 && HTML_BLOCK.test(line)) {
      while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '') i++
    } else {
      const marker = LIST_OR_QUOTE.exec(line)?.[0] ?? ''
      // A new list item starts a new paragraph, as commonmark gives each item its own.
      if (/[-*+.)][ \t]*$|[-*+.)]$/.test(marker.trim()) || /^\d/.test(marker.trim())) flush()
      paragraph.push(line.slice(marker.length))
    }
  }
  flush()
  return blocks
}

function sameWidth(header: string, delimiter: string): boolean {
  return splitTableRow(header).length === splitTableRow(delimiter).length
}

/** Soft line breaks become spaces; a hard break (two trailing spaces or `\`) becomes a newline. */
function joinLines(lines: readonly string[]): string {
  let text = ''
  lines.forEach((line, index) => {
    const last = index === lines.length - 1
    const hard = !last && (/ {2,}$/.test(line) || /\\$/.test(line))
    const content = hard && line.endsWith('\\') ? line.slice(0, -1) : line
    text += inlineText(content.trim()) + (last ? '' : hard ? '\n' : ' ')
  })
  return text.trim()
}
