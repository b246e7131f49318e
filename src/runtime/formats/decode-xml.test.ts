import { describe, it, expect } from 'vitest'
import { decode } from './index.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('xml decoder', () => {
  it('drops the root, turns repeated elements into arrays and keeps values as strings', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<users>
  <user id="1"><name>Ada Lovelace</name><email>ada@example.com</email><active>true</active></user>
  <user id="2"><name>Alan Turing</name><email>alan@example.com</email><active>false</active></user>
</users>`
    expect(decode('xml', bytes(xml))).toEqual({
      user: [
        { id: '1', name: 'Ada Lovelace', email: 'ada@example.com', active: 'true' },
        { id: '2', name: 'Alan Turing', email: 'alan@example.com', active: 'false' },
      ],
    })
  })

  it('keeps a single element as an object, attributes as fields and text beside them under ""', () => {
    const xml = '<root version="2"><item><price currency="EUR">12.50</price><note/></item></root>'
    expect(decode('xml', bytes(xml))).toEqual({
      version: '2',
      item: { price: { currency: 'EUR', '': '12.50' }, note: '' },
    })
  })

  it('removes namespace prefixes and declarations and decodes entities', () => {
    const xml = '<ns:feed xmlns:ns="urn:x"><ns:title>Fish &amp; Chips</ns:title></ns:feed>'
    expect(decode('xml', bytes(xml))).toEqual({ title: 'Fish & Chips' })
  })

  it('rejects malformed XML with a position', () => {
    expect(() => decode('xml', bytes('<a><b></a>'))).toThrow(/not valid XML: .*line 1/)
  })

  it('refuses an element named __proto__ instead of polluting prototypes', () => {
    expect(() =>
      decode('xml', bytes('<r><__proto__><polluted>x</polluted></__proto__></r>')),
    ).toThrow(/not valid XML/)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
