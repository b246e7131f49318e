import { describe, it, expect } from 'vitest'
import { decode } from './index.js'
import { EngineError } from '../../errors.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('json decoder', () => {
  it.each([
    ['object', '{"id": 7, "name": "Ørsted"}', { id: 7, name: 'Ørsted' }],
    ['array', '[1, "two", null]', [1, 'two', null]],
    ['with a byte-order mark', '\ufeff{"ok": true}', { ok: true }],
    ['empty body', '  \n', null],
  ])('parses %s', (_name, text, expected) => {
    expect(decode('json', bytes(text))).toEqual(expected)
  })

  it('rejects invalid JSON with a short excerpt and no full body echo', () => {
    const secretTail = 'x'.repeat(500) + 'TOPSECRET'
    let caught: unknown
    try {
      decode('json', bytes(`<html>error page ${secretTail}</html>`))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(EngineError)
    expect((caught as EngineError).code).toBe('UPSTREAM_INVALID_RESPONSE')
    expect((caught as EngineError).message).toMatch(/not valid JSON/)
    expect((caught as EngineError).message).not.toContain('TOPSECRET')
    expect((caught as EngineError).message.length).toBeLessThan(160)
  })
})

describe('text decoder', () => {
  it('returns the UTF-8 body as a string', () => {
    expect(decode('text', bytes('héllo\nworld'))).toBe('héllo\nworld')
  })
})
