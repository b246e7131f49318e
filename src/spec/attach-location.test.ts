import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics.js'
import { attachLocation } from './attach-location.js'
import { parseDocument } from './load-document.js'

const TEXT = 'naftiko: 1.0.0-alpha2\ninfo:\n  label: x\n  extra: 1\n'

function counted() {
  const { document } = parseDocument(TEXT, 'cap.yaml')
  let lookups = 0
  const doc = {
    ...document!,
    locate: (p: string) => (lookups++, document!.locate(p)),
    locateKey: (p: string) => (lookups++, document!.locateKey(p)),
  }
  return { doc, lookups: () => lookups }
}

const d = (code: Diagnostic['code'], pointer: string): Diagnostic =>
  ({ code, severity: 'warning', message: 'm', pointer }) as Diagnostic

describe('attachLocation', () => {
  it('looks the position up only when it is read, once, and serialises it like a plain field', () => {
    const { doc, lookups } = counted()
    const located = attachLocation(d('SCHEMA_PATTERN', '/info/extra'), doc)
    expect(lookups()).toBe(0)
    expect(located.file).toBe('cap.yaml')
    expect([located.line, located.column]).toEqual([4, 10])
    expect(JSON.parse(JSON.stringify(located))).toMatchObject({
      line: 4,
      column: 10,
      file: 'cap.yaml',
    })
    expect({ ...located }).toMatchObject({ line: 4, column: 10 })
    expect(lookups()).toBe(1)
  })

  it('points at the key for unknown properties, at the file start when nothing is found', () => {
    const { doc } = counted()
    expect(attachLocation(d('SCHEMA_UNKNOWN_PROPERTY', '/info/extra'), doc)).toMatchObject({
      line: 4,
      column: 3,
    })
    const empty = { ...doc, locate: () => undefined, locateKey: () => undefined }
    expect(attachLocation(d('SCHEMA_PATTERN', '/x'), empty)).toMatchObject({ line: 1, column: 1 })
  })

  it('keeps a position the diagnostic already has', () => {
    const { doc, lookups } = counted()
    const located = attachLocation({ ...d('SCHEMA_PATTERN', '/info'), line: 7, column: 2 }, doc)
    expect([located.line, located.column]).toEqual([7, 2])
    expect(lookups()).toBe(0)
  })
})
