import { describe, it, expect } from 'vitest'
import { decode } from './index.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('delimited decoders', () => {
  it.each([
    [
      'csv',
      'id,name,email\r\n1,Ada Lovelace,ada@example.com\r\n2,Alan Turing,alan@example.com\r\n',
    ],
    ['tsv', 'id\tname\temail\n1\tAda Lovelace\tada@example.com\n2\tAlan Turing\talan@example.com'],
    ['psv', 'id|name|email\n1|Ada Lovelace|ada@example.com\n\n2|Alan Turing|alan@example.com\n'],
  ] as const)('%s: header row names string fields', (format, text) => {
    expect(decode(format, bytes(text))).toEqual([
      { id: '1', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: '2', name: 'Alan Turing', email: 'alan@example.com' },
    ])
  })

  it('handles RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes', () => {
    const csv = 'sku,title,notes\n"A-1","Bolt, hex ""M8""","line one\nline two"\nB-2,,""\n'
    expect(decode('csv', bytes(csv))).toEqual([
      { sku: 'A-1', title: 'Bolt, hex "M8"', notes: 'line one\nline two' },
      { sku: 'B-2', title: '', notes: '' },
    ])
  })

  it('omits missing trailing cells and ignores empty extra cells', () => {
    expect(decode('csv', bytes('a,b,c\n1,2\n3,4,5,\n'))).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4', c: '5' },
    ])
  })

  it('rejects a row with more non-empty cells than the header', () => {
    expect(() => decode('csv', bytes('a,b\n1,2,3\n'))).toThrow(
      /row 2 has 3 cells but the header has 2/,
    )
  })

  it('rejects an unterminated quote', () => {
    expect(() => decode('csv', bytes('a\n"open\n'))).toThrow(/quoted field is not closed/)
  })

  it('returns an empty array for an empty body or a header alone', () => {
    expect(decode('csv', bytes(''))).toEqual([])
    expect(decode('csv', bytes('a,b\n'))).toEqual([])
  })
})
