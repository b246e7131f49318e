import { describe, it, expect } from 'vitest'
import avro from 'avsc'
import { decode } from './index.js'

const SCHEMA = {
  type: 'record',
  name: 'RecordList',
  namespace: 'test',
  fields: [
    {
      name: 'records',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Record',
          fields: [
            { name: 'id', type: 'string' },
            { name: 'title', type: 'string' },
            { name: 'description', type: ['null', 'string'], default: null },
            { name: 'views', type: 'long' },
            { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['BOOK', 'FILM'] } },
            { name: 'checksum', type: 'bytes' },
          ],
        },
      },
    },
  ],
}
const RECORDS = [
  {
    id: 'r1',
    title: 'Dune',
    description: 'Spice',
    views: 1234567890123,
    kind: 'BOOK',
    checksum: Buffer.from([1, 2, 3]),
  },
  {
    id: 'r2',
    title: 'Alien',
    description: null,
    views: 0,
    kind: 'FILM',
    checksum: Buffer.alloc(0),
  },
]
const EXPECTED = [
  {
    id: 'r1',
    title: 'Dune',
    description: 'Spice',
    views: 1234567890123,
    kind: 'BOOK',
    checksum: 'AQID',
  },
  { id: 'r2', title: 'Alien', description: null, views: 0, kind: 'FILM', checksum: '' },
]
const files: Record<string, string> = { 'schemas/test-records.avsc': JSON.stringify(SCHEMA) }
const readSchema = (path: string): string => {
  const text = files[path]
  if (text === undefined) throw new Error(`ENOENT: ${path}`)
  return text
}

async function containerFile(
  schema: object,
  records: unknown[],
  codec: string,
): Promise<Uint8Array> {
  const encoder = new avro.streams.BlockEncoder(avro.Type.forSchema(schema as avro.Schema), {
    codec,
  })
  const chunks: Buffer[] = []
  encoder.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise((resolve) => encoder.on('end', resolve))
  for (const record of records) encoder.write(record)
  encoder.end()
  await done
  return Buffer.concat(chunks)
}

describe('avro decoder', () => {
  it('decodes a single binary datum with the schema named by outputSchema', () => {
    const body = avro.Type.forSchema(SCHEMA as avro.Schema).toBuffer({ records: RECORDS })
    expect(decode('avro', body, 'schemas/test-records.avsc', { readSchema })).toEqual({
      records: EXPECTED,
    })
  })

  it.each(['null', 'deflate'])(
    'decodes an object container file (%s codec) to an array',
    async (codec) => {
      const body = await containerFile(SCHEMA, [{ records: RECORDS }, { records: [] }], codec)
      expect(decode('avro', body, 'schemas/test-records.avsc', { readSchema })).toEqual([
        { records: EXPECTED },
        { records: [] },
      ])
    },
  )

  it('rejects a truncated datum', () => {
    const body = avro.Type.forSchema(SCHEMA as avro.Schema).toBuffer({ records: RECORDS })
    expect(() =>
      decode('avro', body.subarray(0, 10), 'schemas/test-records.avsc', { readSchema }),
    ).toThrow(/not valid Avro/)
  })

  it('reports a missing outputSchema or schema file as a configuration error', () => {
    expect(() => decode('avro', new Uint8Array(), undefined, { readSchema })).toThrow(
      /outputSchema must name the \.avsc/,
    )
    expect(() => decode('avro', new Uint8Array(), 'nope.avsc', { readSchema })).toThrow(
      /cannot read schema file nope\.avsc/,
    )
  })
})
