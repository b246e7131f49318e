import { describe, expect, it } from 'vitest'
import { ITEMS_REST, itemsCapability } from '../../test/support/items-capability.js'
import { loadCapabilityText } from '../../test/support/load-capability-text.js'
import type { SkillExpose } from './types.js'

const head = itemsCapability(
  'Skills',
  `    - type: skill
      namespace: skills
      port: 3002
      skills:
`,
)
const tail = `${ITEMS_REST}    - type: mcp
      namespace: tools
      port: 9090
      tools:
        - {name: list-items, description: Lists items., call: up.list}
`
const load = (skills: string) => loadCapabilityText(head + skills + tail)

describe('skill exposes', () => {
  it('resolves derived tools against rest and mcp exposes declared after them', async () => {
    const { capabilities, diagnostics } = await load(`        - name: items
          description: Work with items.
          user-invocable: false
          tools:
            - {name: a, description: via MCP, from: {sourceNamespace: tools, action: list-items}}
            - {name: b, description: via REST, from: {sourceNamespace: api, action: list-items}}
`)
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    const expose = capabilities[0]!.exposes.find((e): e is SkillExpose => e.type === 'skill')!
    expect(expose.skills[0]!.userInvocable).toBe(false)
    expect(expose.skills[0]!.tools.map((t) => t.kind === 'derived' && t.mode)).toEqual([
      'mcp',
      'rest',
    ])
  })

  it('rejects a source namespace that is no rest or mcp expose, where it is written, naming the choices', async () => {
    const { diagnostics } = await load(`        - name: items
          description: Work with items.
          tools:
            - name: a
              description: Lists.
              from: {sourceNamespace: up, action: list}
`)
    const d = diagnostics.find((x) => x.code === 'UNKNOWN_SKILL_SOURCE')!
    expect(d.severity).toBe('error')
    expect(d.pointer).toBe('/capability/exposes/0/skills/0/tools/0/from/sourceNamespace')
    expect([d.line, d.column]).toEqual([20, 39])
    expect(d.hint).toBe('Use one of: api, tools.')
  })

  it('warns when the action is no tool or operation of its source, listing what there is', async () => {
    const { diagnostics } = await load(`        - name: items
          description: Work with items.
          tools:
            - {name: a, description: Lists., from: {sourceNamespace: tools, action: list-itemz}}
`)
    const d = diagnostics.find((x) => x.code === 'UNKNOWN_SKILL_ACTION')!
    expect(d.severity).toBe('warning')
    expect(d.message).toContain('"list-itemz", which is no tool of mcp expose "tools"')
    expect(d.hint).toBe('Use one of: list-items.')
  })

  it('rejects an instruction without a skill location, and one that leaves the location', async () => {
    const { diagnostics } = await load(`        - name: no-location
          description: Instructions only.
          tools:
            - {name: a, description: Guide., instruction: guide.md}
        - name: escaping
          description: Reaches out.
          location: file:///./skill
          tools:
            - {name: b, description: Guide., instruction: ../secrets.md}
`)
    const found = diagnostics.filter((d) => d.code === 'SKILL_INSTRUCTION_LOCATION')
    expect(found.map((d) => [d.pointer, d.severity])).toEqual([
      ['/capability/exposes/0/skills/0/tools/0/instruction', 'error'],
      ['/capability/exposes/0/skills/1/tools/0/instruction', 'error'],
    ])
    expect(found[0]!.hint).toMatch(/Add location: file:\/\/\/\.\/<directory>/)
  })

  it('rejects a skill name declared twice in one expose', async () => {
    const { diagnostics } = await load(`        - {name: items, description: One.}
        - {name: items, description: Two.}
`)
    const d = diagnostics.find((x) => x.code === 'DUPLICATE_NAME')!
    expect(d.pointer).toBe('/capability/exposes/0/skills/1/name')
  })
})
