import { createRequire } from 'node:module'
import type * as Fxp from 'fast-xml-parser'
import type { DecoderFactory } from './types.js'
import { invalidResponse, setField, utf8Text } from './invalid-response.js'

/** Jackson XML keeps an element's text beside its attributes under the empty key. */
const TEXT_KEY = '#text'

/**
 * `xml`: Jackson-style tree: the root element is dropped, repeated elements become arrays,
 * attributes become fields, values stay strings, namespace prefixes are removed.
 */
export const decodeXml: DecoderFactory = () => {
  // loaded on first use, so engines without an xml operation do not pay for it at start-up
  const { XMLParser, XMLValidator } = createRequire(import.meta.url)(
    'fast-xml-parser',
  ) as typeof Fxp
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: TEXT_KEY,
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    commentPropName: false,
  })
  return (bytes) => {
    const text = utf8Text(bytes)
    if (text.trim() === '') return null
    const valid = XMLValidator.validate(text)
    if (valid !== true) {
      const { msg, line, col } = valid.err
      throw invalidResponse('XML', `${msg} (line ${line}, column ${col})`)
    }
    let tree: Record<string, unknown>
    try {
      tree = parser.parse(text) as Record<string, unknown>
    } catch (error) {
      throw invalidResponse('XML', (error as Error).message.split('\n')[0] ?? 'parse error')
    }
    const roots = Object.values(tree)
    return normalise(roots.length === 1 ? roots[0] : tree)
  }
}

/** Empty elements become '' (as Jackson) and a lone text node replaces its object. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise)
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return String(value)
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    setField(out, key === TEXT_KEY ? '' : key, normalise(child))
  }
  const keys = Object.keys(out)
  if (keys.length === 1 && keys[0] === '') return out['']
  return keys.length === 0 ? '' : out
}
