import type { RawFormat } from '../../model/types.js'
import type { Decoder, DecoderFactory, DecoderOptions } from './types.js'
import { decodeJson, decodeText } from './decode-json.js'
import { decodeXml } from './decode-xml.js'
import { decodeYaml } from './decode-yaml.js'
import { delimitedDecoder } from './decode-delimited.js'
import { decodeHtml } from './decode-html.js'
import { decodeMarkdown } from './decode-markdown.js'
import { decodeAvro } from './decode-avro.js'
import { decodeProtobuf } from './decode-protobuf.js'

export type { Decoder, DecoderFactory, DecoderOptions } from './types.js'

/** One decoder factory per `outputRawFormat` (engine-inventory §2.13). */
export const FORMAT_DECODERS: Readonly<Record<RawFormat, DecoderFactory>> = {
  json: decodeJson,
  text: decodeText,
  xml: decodeXml,
  yaml: decodeYaml,
  csv: delimitedDecoder(',', 'CSV'),
  tsv: delimitedDecoder('\t', 'TSV'),
  psv: delimitedDecoder('|', 'PSV'),
  html: decodeHtml,
  markdown: decodeMarkdown,
  avro: decodeAvro,
  protobuf: decodeProtobuf,
}

/** Prepares the decoder of one operation at load; throws EngineError('INTERNAL') on bad options. */
export function compileDecoder(format: RawFormat, options: DecoderOptions = {}): Decoder {
  return FORMAT_DECODERS[format](options)
}

/** One-shot decode (tests, tools); the request path should reuse a compiled decoder. */
export function decode(
  format: RawFormat,
  bytes: Uint8Array,
  outputSchema?: string,
  options: Omit<DecoderOptions, 'outputSchema'> = {},
): unknown {
  return compileDecoder(format, { ...options, outputSchema })(bytes)
}
