import { describe, expect, it } from 'vitest'
import { compileTemplate } from './compile-template.js'

const render = (source: string, context: Record<string, unknown>) => {
  const { template, error } = compileTemplate(source)
  if (!template) throw new Error(error)
  return template.render(context)
}

describe('Mustache templates', () => {
  it('renders variables: missing as empty, objects and arrays as JSON, dotted names through objects', () => {
    expect(
      render('{{a}}-{{missing}}-{{o.b}}-{{list}}', { a: 1, o: { b: 'x' }, list: [1, 2] }),
    ).toBe('1--x-[1,2]')
  })

  it('renders a section once for a truthy value and not at all for a missing, false or empty one', () => {
    const t = '/items{{#filter}}?filter={{filter}}{{/filter}}'
    expect(render(t, { filter: 'red' })).toBe('/items?filter=red')
    expect(render(t, {})).toBe('/items')
    expect(render(t, { filter: false })).toBe('/items')
    expect(render(t, { filter: [] })).toBe('/items')
    expect(render(t, { filter: 0 })).toBe('/items?filter=0')
  })

  it('repeats a section per list element, with the element as context and {{.}} as itself', () => {
    expect(render('{{#tags}}[{{.}}]{{/tags}}', { tags: ['a', 'b'] })).toBe('[a][b]')
    expect(
      render('{{#users}}{{name}}@{{org}};{{/users}}', {
        org: 'acme',
        users: [{ name: 'ann' }, { name: 'bob', org: 'other' }],
      }),
    ).toBe('ann@acme;bob@other;')
    expect(render('{{#user}}{{name}}{{/user}}', { user: { name: 'cy' } })).toBe('cy')
  })

  it('renders an inverted section when the value is missing, false or empty', () => {
    const t = '{{^items}}none{{/items}}{{#items}}{{.}}{{/items}}'
    expect(render(t, {})).toBe('none')
    expect(render(t, { items: [] })).toBe('none')
    expect(render(t, { items: [1] })).toBe('1')
  })

  it('reads triple braces and & as plain variables (nothing is HTML-escaped anyway)', () => {
    expect(render('{{{a}}}|{{& a}}|{{a}}', { a: '<b>' })).toBe('<b>|<b>|<b>')
  })

  it('lists top-level variables and section names, not the fields read inside a section', () => {
    const { template } = compileTemplate('{{a}}{{#users}}{{name}}{{/users}}{{^b}}{{c}}{{/b}}')
    expect(template!.variables).toEqual(['a', 'users', 'b'])
  })

  it('refuses an unclosed or mismatched section and a partial, saying how to fix it', () => {
    expect(compileTemplate('{{#a}}x').error).toBe(
      'Section "{{#a}}" is not closed; end it with "{{/a}}".',
    )
    expect(compileTemplate('{{#a}}x{{/b}}').error).toBe(
      '"{{/b}}" does not close the open section "{{#a}}"; end it with "{{/a}}".',
    )
    expect(compileTemplate('{{/a}}').error).toBe('"{{/a}}" closes no open section.')
    expect(compileTemplate('{{> header}}').error).toMatch(/^Mustache partial .* is not supported/)
    // the whole context (binds included) is never rendered: {{.}} only means a section's element
    expect(compileTemplate('{{.}}').error).toMatch(/use it inside \{\{#list\}\}/)
  })
})
