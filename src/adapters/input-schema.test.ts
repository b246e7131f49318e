import { describe, expect, it } from 'vitest'
import type { Input } from '../model/types.js'
import { toInputSchema } from './input-schema.js'

const input = (name: string, type: Input['type'], extra: Partial<Input> = {}): Input => ({
  name,
  type,
  location: 'query',
  required: false,
  inferred: false,
  ...extra,
})

describe('toInputSchema', () => {
  it('describes types, items, descriptions and only the required inputs as required', () => {
    expect(
      toInputSchema([
        input('id', 'string', { required: true, description: 'The id', pattern: '^[a-z]+$' }),
        input('page_size', 'integer'),
        input('ratio', 'number'),
        input('tags', 'array', { schema: { type: 'string' } }),
        input('ids', 'array', { schema: { type: 'array', items: { type: 'integer' } } }),
        input('free', 'array'),
        input('flag', 'boolean'),
      ]),
    ).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', pattern: '^[a-z]+$', description: 'The id' },
        page_size: { type: 'integer' },
        ratio: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
        ids: { type: 'array', items: { type: 'integer' } },
        free: { type: 'array', items: {} },
        flag: { type: 'boolean' },
      },
      required: ['id'],
      additionalProperties: false,
    })
  })

  it('leaves out fixed inputs and omits required when nothing is required', () => {
    expect(toInputSchema([input('region', 'string', { fixed: 'fr-par' })])).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    })
  })

  it('keeps object schemas and allows extra keys only for an inferred body object', () => {
    const declared = toInputSchema([
      input('body', 'object', {
        location: 'body',
        schema: { properties: { a: { type: 'string' } } },
      }),
    ])
    expect(declared).toEqual({
      type: 'object',
      properties: { body: { type: 'object', properties: { a: { type: 'string' } } } },
      additionalProperties: false,
    })
    const inferred = toInputSchema([input('body', 'object', { location: 'body', inferred: true })])
    expect(inferred).toEqual({ type: 'object', properties: { body: { type: 'object' } } })
  })
})

describe('array inputs inferred by the model', () => {
  it('use the model item schema once, not wrapped twice', () => {
    const schema = toInputSchema([
      {
        name: 'tags',
        location: 'argument',
        type: 'array',
        required: false,
        inferred: true,
        schema: { items: { type: 'string' } },
      },
    ])
    expect((schema.properties as Record<string, unknown>).tags).toEqual({
      type: 'array',
      items: { type: 'string' },
    })
  })
})
