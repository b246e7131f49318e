import { describe, it, expect } from 'vitest'
import protobuf from 'protobufjs'
import { decode } from './index.js'

const PROTO = `syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";

message Record {
  string id = 1;
  string title = 2;
  string description = 3;
  int64 view_count = 4;
  Kind kind = 5;
  bytes checksum = 6;
  google.protobuf.Timestamp updated = 7;
}
enum Kind { BOOK = 0; FILM = 1; }
message RecordList { repeated Record records = 1; }
`
const readSchema = (path: string): string => {
  if (path !== 'schemas/test-records.proto') throw new Error(`ENOENT: ${path}`)
  return PROTO
}

function schemaRoot(): protobuf.Root {
  const root = protobuf.parse(PROTO, { keepCase: true }).root
  root.addJSON(protobuf.common.get('google/protobuf/timestamp.proto')?.nested ?? {})
  return root
}

function encodeList(): Uint8Array {
  const root = schemaRoot()
  const type = root.lookupType('shop.RecordList')
  return type
    .encode(
      type.fromObject({
        records: [
          {
            id: 'r1',
            title: 'Dune',
            description: 'Spice',
            view_count: '9007199254740993',
            kind: 'FILM',
            checksum: Buffer.from([255]),
            updated: { seconds: 60 },
          },
          { id: 'r2', title: 'Alien' },
        ],
      }),
    )
    .finish()
}

describe('protobuf decoder', () => {
  it('decodes the message named after # with .proto field names', () => {
    expect(
      decode('protobuf', encodeList(), 'schemas/test-records.proto#shop.RecordList', {
        readSchema,
      }),
    ).toEqual({
      records: [
        {
          id: 'r1',
          title: 'Dune',
          description: 'Spice',
          view_count: '9007199254740993',
          kind: 'FILM',
          checksum: '/w==',
          updated: { seconds: 60, nanos: 0 },
        },
        {
          id: 'r2',
          title: 'Alien',
          description: '',
          view_count: 0,
          kind: 'BOOK',
          checksum: '',
          updated: null,
        },
      ],
    })
  })

  it('uses the first message of the file when no message is named', () => {
    const record = schemaRoot().lookupType('shop.Record')
    const body = record.encode(record.fromObject({ id: 'x', view_count: 5 })).finish()
    expect(decode('protobuf', body, 'schemas/test-records.proto', { readSchema })).toMatchObject({
      id: 'x',
      view_count: 5,
    })
  })

  it('rejects bytes that are not a valid message', () => {
    expect(() =>
      decode(
        'protobuf',
        Uint8Array.from([0x0a, 0xff, 0xff]),
        'schemas/test-records.proto#shop.RecordList',
        { readSchema },
      ),
    ).toThrow(/not valid Protobuf/)
  })

  it('names an unknown message or schema file', () => {
    expect(() =>
      decode('protobuf', new Uint8Array(), 'schemas/test-records.proto#shop.Nope', { readSchema }),
    ).toThrow(/declares no message shop\.Nope/)
    expect(() => decode('protobuf', new Uint8Array(), 'other.proto#a.B', { readSchema })).toThrow(
      /cannot read schema file other\.proto/,
    )
    expect(() => decode('protobuf', new Uint8Array(), '', { readSchema })).toThrow(
      /outputSchema must name the \.proto file/,
    )
  })
})
