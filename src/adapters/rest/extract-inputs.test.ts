/** Appendix E.5: REST input extraction, with Capstan's validation at the edge. */
import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { compileJsonPath } from '../../model/compile-json-path.js'
import type { Input } from '../../model/types.js'
import { extractInputs, parseJsonBody } from './extract-inputs.js'

const req = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage
const input = (i: Partial<Input> & { name: string; location: Input['location'] }): Input => ({
  type: 'string',
  required: false,
  inferred: false,
  ...i,
})

describe('E.5 REST input extraction', () => {
  it('#35 query values are decoded', () => {
    expect(
      extractInputs(
        [input({ name: 'q', location: 'query' })],
        req(),
        {},
        new URLSearchParams('q=ice%20class'),
        undefined,
      ),
    ).toEqual({ q: 'ice class' })
  })
  it('#36 body JSONPath value', () => {
    const i = input({
      name: 'userId',
      location: 'body',
      bodyPath: compileJsonPath('$.user.id').path!,
    })
    expect(extractInputs([i], req(), {}, new URLSearchParams(), { user: { id: '999' } })).toEqual({
      userId: '999',
    })
  })
  it('#37 body field by name', () => {
    expect(
      extractInputs(
        [input({ name: 'shipImo', location: 'body' })],
        req(),
        {},
        new URLSearchParams(),
        { shipImo: 'I' },
      ),
    ).toEqual({ shipImo: 'I' })
  })
  it('#38 an absent body field stays absent (Java substitutes the whole body, bug 20)', () => {
    expect(
      extractInputs(
        [input({ name: 'cargoIds', location: 'body' })],
        req(),
        {},
        new URLSearchParams(),
        { shipImo: 'I' },
      ),
    ).toEqual({})
  })
  it('#39 path variables, percent-decoded', () => {
    expect(
      extractInputs(
        [input({ name: 'imo', location: 'path', required: true })],
        req(),
        { imo: 'IMO-1%20A' },
        new URLSearchParams(),
        undefined,
      ),
    ).toEqual({ imo: 'IMO-1 A' })
  })
  it('#40 headers are case-insensitive', () => {
    expect(
      extractInputs(
        [input({ name: 'X-Trace', location: 'header' })],
        req({ 'x-trace': 'abc' }),
        {},
        new URLSearchParams(),
        undefined,
      ),
    ).toEqual({ 'X-Trace': 'abc' })
  })
  it('#41 a static value wins over the request', () => {
    expect(
      extractInputs(
        [input({ name: 'mode', location: 'query', fixed: 'strict' })],
        req(),
        {},
        new URLSearchParams('mode=loose'),
        undefined,
      ),
    ).toEqual({ mode: 'strict' })
  })
  it('missing required input names the parameter', () => {
    expect(() =>
      extractInputs(
        [input({ name: 'id', location: 'query', required: true })],
        req(),
        {},
        new URLSearchParams(),
        undefined,
      ),
    ).toThrow(/`id`/)
  })
  it('arrays from repeated keys, integers and booleans coerced', () => {
    const inputs = [
      input({ name: 'tags', location: 'query', type: 'array' }),
      input({ name: 'n', location: 'query', type: 'integer' }),
      input({ name: 'b', location: 'query', type: 'boolean' }),
    ]
    expect(
      extractInputs(inputs, req(), {}, new URLSearchParams('tags=a&tags=b&n=3&b=false'), undefined),
    ).toEqual({ tags: ['a', 'b'], n: 3, b: false })
  })
  it('refuses deeply nested JSON bodies', () => {
    const deep = '['.repeat(100) + ']'.repeat(100)
    expect(() => parseJsonBody(Buffer.from(deep), 'application/json')).toThrow(/deeper/)
  })
})
