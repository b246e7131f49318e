import { inflateRawSync } from 'node:zlib'
import { createRequire } from 'node:module'
import type avro from 'avsc'
import type { DecoderFactory } from './types.js'
import { badOption, invalidResponse } from './invalid-response.js'
import { plainValue } from './plain-value.js'

const MAGIC = Buffer.from('Obj\x01', 'latin1')
/** Bounds a deflate block's expansion so a small body cannot inflate without limit. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024

/**
 * `avro`: `outputSchema` names the `.avsc` file (read through `readSchema`). A body starting with
 * the Object Container File magic decodes to an array of records (writer schema from the file,
 * resolved to the given schema); otherwise the body is one binary datum of the given schema.
 */
export const decodeAvro: DecoderFactory = (options) => {
  const reader = loadType(options.outputSchema, options.readSchema)
  const header = lib().Type.forSchema({
    type: 'record',
    name: 'org.apache.avro.file.Header',
    fields: [
      { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
      { name: 'meta', type: { type: 'map', values: 'bytes' } },
      { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
    ],
  })
  const long = lib().Type.forSchema('long')
  const decodeFile = containerDecoder(reader, header, long)
  return (bytes) => {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (buffer.subarray(0, 4).equals(MAGIC)) return decodeFile(buffer)
    let decoded: { value: unknown; offset: number }
    try {
      decoded = reader.decode(buffer, 0)
    } catch (error) {
      throw invalidResponse('Avro', (error as Error).message)
    }
    if (decoded.offset < 0)
      throw invalidResponse('Avro', 'the body ends before the datum is complete')
    return plainValue(decoded.value)
  }
}

function loadType(
  path: string | undefined,
  readSchema: ((path: string) => string) | undefined,
): avro.Type {
  if (path === undefined || path.trim() === '')
    throw badOption('avro', 'outputSchema must name the .avsc schema file')
  if (readSchema === undefined)
    throw badOption('avro', 'no schema reader was provided to the decoder')
  let text: string
  try {
    text = readSchema(path)
  } catch (error) {
    throw badOption('avro', `cannot read schema file ${path}`, error)
  }
  try {
    return lib().Type.forSchema(JSON.parse(text) as avro.Schema, { wrapUnions: false })
  } catch (error) {
    throw badOption(
      'avro',
      `schema file ${path} is not a valid Avro schema: ${(error as Error).message}`,
    )
  }
}

function containerDecoder(
  reader: avro.Type,
  header: avro.Type,
  long: avro.Type,
): (buffer: Buffer) => unknown[] {
  const take = (
    type: avro.Type,
    buffer: Buffer,
    offset: number,
  ): { value: unknown; offset: number } => {
    const result = type.decode(buffer, offset)
    if (result.offset < 0) throw invalidResponse('Avro', 'the container file is truncated')
    return result
  }
  return (buffer) => {
    try {
      const head = take(header, buffer, 0)
      const { meta, sync } = head.value as { meta: Record<string, Buffer>; sync: Buffer }
      const codec = meta['avro.codec']?.toString() ?? 'null'
      if (codec !== 'null' && codec !== 'deflate')
        throw invalidResponse('Avro', `codec ${codec} is not supported (use null or deflate)`)
      const writer = lib().Type.forSchema(
        JSON.parse(meta['avro.schema']?.toString() ?? 'null') as avro.Schema,
        { wrapUnions: false },
      )
      const resolver = reader.createResolver(writer)
      const records: unknown[] = []
      let offset = head.offset
      while (offset < buffer.length) {
        const count = take(long, buffer, offset)
        const size = take(long, buffer, count.offset)
        const start = size.offset
        const end = start + Number(size.value)
        if (end + 16 > buffer.length)
          throw invalidResponse('Avro', 'the container file is truncated')
        const raw = buffer.subarray(start, end)
        const block =
          codec === 'deflate' ? inflateRawSync(raw, { maxOutputLength: MAX_INFLATED_BYTES }) : raw
        let position = 0
        for (let n = 0; n < Number(count.value); n++) {
          const item = reader.decode(block, position, resolver)
          if (item.offset < 0) throw invalidResponse('Avro', 'a container block is truncated')
          records.push(plainValue(item.value))
          position = item.offset
        }
        if (!buffer.subarray(end, end + 16).equals(sync))
          throw invalidResponse('Avro', 'a container block has a wrong sync marker')
        offset = end + 16
      }
      return records
    } catch (error) {
      if (error instanceof Error && error.name === 'EngineError') throw error
      throw invalidResponse('Avro', (error as Error).message)
    }
  }
}

/** Loaded on first use, so engines that never decode avro do not pay for the library at start-up. */
function lib(): typeof avro {
  return createRequire(import.meta.url)('avsc') as typeof avro
}
