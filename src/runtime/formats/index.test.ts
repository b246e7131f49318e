import { describe, it, expect } from 'vitest'
import { FORMAT_DECODERS, compileDecoder } from './index.js'

describe('format registry', () => {
  it('has a decoder for every outputRawFormat of the schema', () => {
    expect(Object.keys(FORMAT_DECODERS).sort()).toEqual(
      [
        'avro',
        'csv',
        'html',
        'json',
        'markdown',
        'protobuf',
        'psv',
        'text',
        'tsv',
        'xml',
        'yaml',
      ].sort(),
    )
  })

  it('compiles once and decodes many bodies', () => {
    const decodeCsv = compileDecoder('csv')
    expect(decodeCsv(new TextEncoder().encode('a\n1'))).toEqual([{ a: '1' }])
    expect(decodeCsv(new TextEncoder().encode('a\n2'))).toEqual([{ a: '2' }])
  })
})
