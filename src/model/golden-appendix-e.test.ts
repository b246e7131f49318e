/**
 * Appendix E (engine-inventory) rows E.1–E.5 as table tests. Where Capstan deliberately differs
 * from the Java engine (a documented bug of §10.1), the row says so and asserts Capstan's result.
 */
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics.js'
import { compileJsonPath } from './compile-json-path.js'
import { compileOutput } from './compile-output.js'
import { compileTemplate } from './compile-template.js'
import { loadCapabilityText } from '../../test/support/load-capability-text.js'

const render = (t: string, ctx: Record<string, unknown>) => compileTemplate(t).template!.render(ctx)

describe('E.1 templates', () => {
  const rows: [number, string, Record<string, unknown>, string, string?][] = [
    [1, 'hello {{name}}/{{missing}}', { name: 'alice' }, 'hello alice/'],
    [2, 'plain', {}, 'plain'],
    [
      3,
      '{{x}}/{{y}}',
      {},
      '/',
      'Java keeps "{{x}}/{{y}}" with an empty map (bug 4); Capstan renders missing as empty, always',
    ],
    [
      4,
      '{"crewIds": {{crewIds}}}',
      { crewIds: ['CREW-001', 'CREW-003'] },
      '{"crewIds": ["CREW-001","CREW-003"]}',
    ],
    [5, '{{n}}', { n: 5 }, '5'],
    [5, '{{n}}', { n: 5.5 }, '5.5'],
    [5, '{{n}}', { n: true }, 'true'],
    [5, '{{n}}', { n: null }, ''],
    [6, '{{m}}', { m: { a: 1 } }, '{"a":1}', 'Java renders {a=1} (bug 5); Capstan renders JSON'],
    [7, '{{get-ship.imo_number}}', { 'get-ship': { imo_number: 'I1' } }, 'I1'],
    [
      8,
      '{{env.API_KEY}}',
      { API_KEY: 's', env: { API_KEY: 's' }, other: 1 },
      's',
      'Java renders empty (bug 2); Capstan resolves the namespaced bind',
    ],
    [9, '{"name": "{{n}}"}', { n: 'Erik Lindstrøm' }, '{"name": "Erik Lindstrøm"}'],
  ]
  for (const [n, template, ctx, expected, note] of rows) {
    it(`E.1 #${n} ${template}${note ? ` (${note})` : ''}`, () =>
      expect(render(template, ctx)).toBe(expected))
  }
  it('renders sections as JMustache does (engine-inventory §2.5), and refuses partials', () => {
    expect(render('{{#items}}<{{.}}>{{/items}}{{^none}}-{{/none}}', { items: ['a', 'b'] })).toBe(
      '<a><b>-',
    )
    expect(compileTemplate('{{> footer}}').error).toMatch(/not supported/)
  })
})

describe('E.2 JSONPath', () => {
  const doc = { a: 1 }
  const rows: [number, string, unknown, unknown][] = [
    [10, '$', doc, doc],
    [10, '$.', doc, doc],
    [11, '$.missing', doc, undefined],
    [12, '$.items[*].id', { items: [{ id: 1 }, { id: 2 }] }, [1, 2]],
    [
      13,
      '$.properties.Name.title[0].text.content',
      { properties: { Name: { title: [{ text: { content: 'Ship' } }] } } },
      'Ship',
    ],
    [14, '$.foo bar.baz', { 'foo bar': { baz: 2 } }, 2],
  ]
  for (const [n, path, input, expected] of rows) {
    it(`E.2 #${n} ${path}`, () =>
      expect(compileJsonPath(path).path!.evaluate(input)).toEqual(expected))
  }
  it('E.2 #15: an invalid expression is a load-time error, never evaluated', () => {
    expect(compileJsonPath('$.[').error).toMatch(/does not parse/)
  })
})

describe('E.3 output parameters', () => {
  const shape = (
    specs: unknown[],
    doc: unknown,
    ctx: Record<string, unknown> = {},
    mock = false,
  ) => {
    const diagnostics: Diagnostic[] = []
    const out = compileOutput(specs, '/o', { mock }, diagnostics)
    return out.shape(doc, ctx)
  }
  it('#16 scalar mapping', () =>
    expect(shape([{ type: 'string', mapping: '$.user.id' }], { user: { id: 'u-1' } })).toBe('u-1'))
  it('#17 object with properties', () =>
    expect(
      shape(
        [
          {
            type: 'object',
            properties: {
              id: { type: 'string', mapping: '$.user.id' },
              name: { type: 'string', mapping: '$.user.name' },
            },
          },
        ],
        { user: { id: 'u-1', name: 'Alice' } },
      ),
    ).toEqual({ id: 'u-1', name: 'Alice' }))
  it('#18 object without properties passes the value through (compat rule 10; Java returns {})', () =>
    expect(shape([{ type: 'object', mapping: '$.' }], { any: [1] })).toEqual({ any: [1] }))
  it('#19 array items are element-relative', () =>
    expect(
      shape(
        [
          {
            type: 'array',
            mapping: '$.',
            items: {
              type: 'object',
              properties: { imo: { type: 'string', mapping: '$.imo_number' } },
            },
          },
        ],
        [{ imo_number: 'I1', x: 1 }],
      ),
    ).toEqual([{ imo: 'I1' }]))
  it('#20 array of scalars', () =>
    expect(
      shape([{ type: 'array', mapping: '$.ids', items: { type: 'string', mapping: '$.' } }], {
        ids: ['a', 'b'],
      }),
    ).toEqual(['a', 'b']))
  it('#21 a non-array falls back to the raw body', () =>
    expect(shape([{ type: 'array', mapping: '$.x' }], { x: 'not-an-array' })).toEqual({
      x: 'not-an-array',
    }))
  it('#22 map mode with values', () =>
    expect(
      shape([{ type: 'object', mapping: '$.m', values: { type: 'number', mapping: '$.v' } }], {
        m: { a: { v: 10 }, b: {} },
      }),
    ).toEqual({ a: 10, b: null }))
  it('#23 value templates render against the call context', () =>
    expect(shape([{ type: 'string', value: 'Hello, {{name}}!' }], {}, { name: 'Voyager' })).toBe(
      'Hello, Voyager!',
    ))
  it('#24 maxLength truncates', () =>
    expect(shape([{ type: 'string', mapping: '$.s', maxLength: '3' }], { s: 'abcdef' })).toBe(
      'abc',
    ))
  it('#25 nested property mappings are root-relative', () =>
    expect(
      shape(
        [
          {
            type: 'object',
            properties: {
              specs: {
                type: 'object',
                properties: { yearBuilt: { type: 'number', mapping: '$.year_built' } },
              },
            },
          },
        ],
        { year_built: 2015 },
      ),
    ).toEqual({ specs: { yearBuilt: 2015 } }))
  it('#26 arrays inside objects are not projected', () =>
    expect(
      shape(
        [
          {
            type: 'object',
            properties: {
              crew: {
                type: 'array',
                mapping: '$.crew',
                items: { type: 'object', properties: { n: { mapping: '$.name' } } },
              },
            },
          },
        ],
        { crew: [{ name: 'A', age: 3 }] },
      ),
    ).toEqual({ crew: [{ name: 'A', age: 3 }] }))
  it('#27 first non-null of several outputs', () =>
    expect(
      shape(
        [
          { type: 'string', mapping: '$.a' },
          { type: 'string', mapping: '$.b' },
        ],
        { a: 'x', b: 'y' },
      ),
    ).toBe('x'))
  it('#28 mock outputs combine by name (values are strings)', () =>
    expect(
      shape(
        [
          { name: 'imo', type: 'string', value: '{{imo_number}}' },
          { name: 'size', type: 'number', value: '42' },
        ],
        undefined,
        { imo_number: 'I1' },
        true,
      ),
    ).toEqual({ imo: 'I1', size: '42' }))
})

const E4 = (withBlock: string) => `naftiko: 1.0.0-alpha2
info: {label: E4, description: with}
capability:
  consumes:
    - type: http
      namespace: reg
      baseUri: https://example.org
      resources:
        - name: ships
          path: /ships/{{imo_number}}
          operations: [{name: get-ship, method: GET}]
  exposes:
    - type: mcp
      namespace: shipyard-tools
      port: 9090
      tools:
        - name: get-ship
          description: d
          inputParameters: [{name: imo, type: string, description: i}]
          call: reg.get-ship
          with: ${withBlock}
`

describe('E.4 with resolution', () => {
  const sourceOf = async (withBlock: string) => {
    const r = await loadCapabilityText(E4(withBlock))
    const tool = r.capabilities[0]!.exposes[0]!
    if (tool.type !== 'mcp' || tool.tools[0]!.plan.kind !== 'call') throw new Error('no call plan')
    return tool.tools[0]!.plan.slots.find((s) => s.name === 'imo_number')!.source
  }
  it('#29 own-namespace reference feeds the consumed name', async () =>
    expect(await sourceOf('{imo_number: shipyard-tools.imo}')).toEqual({
      kind: 'input',
      input: 'imo',
    }))
  it('#31 Mustache value', async () => {
    const s = await sourceOf("{imo_number: '{{imo}}'}")
    expect(s.kind === 'template' && s.template.render({ imo: 'I1' })).toBe('I1')
  })
  it('#32 rest.body is a reference, not the literal text (compat rule 5; Java sends "rest.body")', async () => {
    const r = await loadCapabilityText(E4('{imo_number: tools.imo}'))
    expect(r.diagnostics.some((d) => d.code === 'RULE_WITH_PREFIX')).toBe(true)
  })
  it('#33 literal numbers stay numbers', async () =>
    expect(await sourceOf('{imo_number: 3}')).toEqual({ kind: 'literal', value: 3 }))
})
