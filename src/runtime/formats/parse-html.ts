/**
 * A small tolerant HTML parser: enough structure for table extraction (elements, attributes,
 * text), with void elements, raw-text elements, implied end tags and character references.
 */

export interface HtmlElement {
  readonly tag: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: (HtmlElement | string)[]
  readonly parent: HtmlElement | undefined
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
])
const CELLS = ['td', 'th']
/** Open elements that a new start tag closes implicitly, innermost first. */
const IMPLIED_END: Readonly<Record<string, readonly string[]>> = {
  td: CELLS,
  th: CELLS,
  tr: [...CELLS, 'tr'],
  thead: [...CELLS, 'tr', 'thead', 'tbody', 'tfoot'],
  tbody: [...CELLS, 'tr', 'thead', 'tbody', 'tfoot'],
  tfoot: [...CELLS, 'tr', 'thead', 'tbody', 'tfoot'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  option: ['option'],
  p: ['p'],
}
const CLOSES_P = new Set([
  'div',
  'table',
  'ul',
  'ol',
  'dl',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'pre',
  'blockquote',
  'form',
  'nav',
  'main',
  'aside',
  'hr',
])
/** Elements whose boundaries separate words in text(). */
export const BLOCK = new Set([
  ...CLOSES_P,
  'p',
  'br',
  'li',
  'tr',
  'td',
  'th',
  'dt',
  'dd',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'body',
  'html',
])

const TAG_NAME = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g

/** Parses an HTML document into a root element named `#document`. Never throws. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#document', attributes: {}, children: [], parent: undefined }
  const stack: HtmlElement[] = [root]
  const current = (): HtmlElement => stack[stack.length - 1] ?? root
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    if (lt < 0) {
      addText(current(), html.slice(i))
      break
    }
    if (lt > i) addText(current(), html.slice(i, lt))
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4)
      i = end < 0 ? html.length : end + 3
      continue
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt)
      i = end < 0 ? html.length : end + 1
      continue
    }
    const name = TAG_NAME.exec(html.slice(lt, lt + 128))
    if (name === null) {
      addText(current(), '<')
      i = lt + 1
      continue
    }
    const end = tagEnd(html, lt + name[0].length)
    const rawAttributes = html.slice(lt + name[0].length, end)
    i = end + 1
    const tag = (name[2] ?? '').toLowerCase()
    if (name[1] === '/') {
      closeTag(stack, tag)
      continue
    }
    openImplied(stack, tag)
    const element: HtmlElement = {
      tag,
      attributes: parseAttributes(rawAttributes),
      children: [],
      parent: current(),
    }
    current().children.push(element)
    if (VOID.has(tag) || rawAttributes.trimEnd().endsWith('/')) continue
    if (RAW_TEXT.has(tag)) {
      const closer = new RegExp(`</${tag}`, 'ig')
      closer.lastIndex = i
      const close = closer.exec(html)?.index ?? -1
      const end = close < 0 ? html.length : close
      if (tag === 'textarea' || tag === 'title') addText(element, html.slice(i, end))
      const gt = close < 0 ? -1 : html.indexOf('>', close)
      i = gt < 0 ? html.length : gt + 1
      continue
    }
    stack.push(element)
  }
  return root
}

/** Index of the `>` closing a tag, skipping quoted values; an unclosed tag runs to the end (as browsers do). */
function tagEnd(html: string, from: number): number {
  let quote = ''
  for (let i = from; i < html.length; i++) {
    const ch = html[i]
    if (quote !== '') {
      if (ch === quote) quote = ''
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '>') return i
  }
  return html.length
}

function openImplied(stack: HtmlElement[], tag: string): void {
  const implied = IMPLIED_END[tag] ?? (CLOSES_P.has(tag) ? ['p'] : [])
  while (stack.length > 1 && implied.includes(stack[stack.length - 1]?.tag ?? '')) stack.pop()
}

function closeTag(stack: HtmlElement[], tag: string): void {
  for (let depth = stack.length - 1; depth > 0; depth--) {
    const open = stack[depth]?.tag
    if (open === tag) {
      stack.length = depth
      return
    }
    // A table end tag never closes elements outside its own table.
    if (open === 'table' && tag !== 'table') return
  }
}

function addText(element: HtmlElement, raw: string): void {
  if (raw !== '') element.children.push(decodeEntities(raw))
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase()
    if (name === '/' || name in attributes) continue
    Object.defineProperty(attributes, name, {
      value: decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''),
      enumerable: true,
    })
  }
  return attributes
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  middot: '·',
  deg: '°',
  times: '×',
  bull: '•',
  para: '¶',
  sect: '§',
}

/** Decodes numeric and common named character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g,
    (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code =
          ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'
      }
      return Object.hasOwn(NAMED, ref) ? (NAMED[ref] as string) : whole
    },
  )
}

/** jsoup-style text(): descendant text with whitespace collapsed and block boundaries as spaces. */
export function textOf(element: HtmlElement): string {
  const parts: string[] = []
  const walk = (node: HtmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string') parts.push(child)
      else {
        const block = BLOCK.has(child.tag)
        if (block) parts.push(' ')
        walk(child)
        if (block) parts.push(' ')
      }
    }
  }
  walk(element)
  return parts
    .join('')
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim()
}

/** Every descendant element in document order. */
export function* descendants(element: HtmlElement): Generator<HtmlElement> {
  for (const child of element.children) {
    if (typeof child === 'string') continue
    yield child
    yield* descendants(child)
  }
}
