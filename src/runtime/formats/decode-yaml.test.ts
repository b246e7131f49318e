import { describe, it, expect } from 'vitest'
import { parse } from 'yaml'
import { decode } from './index.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const parseYaml = (text: string): unknown => parse(text)

describe('yaml decoder', () => {
  it('parses a YAML document through the injected parser', () => {
    const yaml = 'users:\n  - id: 1\n    name: Ada\n  - id: 2\n    name: Alan\n'
    expect(decode('yaml', bytes(yaml), undefined, { parseYaml })).toEqual({
      users: [
        { id: 1, name: 'Ada' },
        { id: 2, name: 'Alan' },
      ],
    })
  })

  it('reports malformed YAML as an invalid upstream response', () => {
    expect(() => decode('yaml', bytes('a: [1, 2\nb: }'), undefined, { parseYaml })).toThrow(
      /not valid YAML/,
    )
  })

  it('needs a parser to be wired', () => {
    expect(() => decode('yaml', bytes('a: 1'))).toThrow(/no YAML parser/)
  })
})
