import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCapabilities } from '../model/load-capabilities.js'
import { planListeners } from './plan-listeners.js'

/** Two files with the same REST route, MCP tool and skill, served together. */
async function twoFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-plan-'))
  const text = (label: string) => `naftiko: 1.0.0-alpha2
info: {label: ${label}, description: one of two files declaring the same names}
capability:
  consumes:
    - type: http
      namespace: up-${label}
      baseUri: http://upstream.test
      resources:
        - {name: items, path: /items, operations: [{name: list, method: GET}]}
  exposes:
    - type: rest
      namespace: rest-${label}
      port: 8080
      resources:
        - path: /items/{id}
          name: items
          operations: [{method: GET, name: list, call: up-${label}.list}]
    - type: mcp
      namespace: mcp-${label}
      port: 9090
      tools: [{name: list, description: Lists., call: up-${label}.list}]
    - type: skill
      namespace: skills-${label}
      port: 3002
      skills: [{name: items, description: Items.}]
`
  writeFileSync(join(dir, 'a.yaml'), text('a'))
  writeFileSync(join(dir, 'b.yaml'), text('b').replace('/items/{id}', '/items/{itemId}'))
  const { capabilities } = await loadCapabilities([dir], { cwd: dir })
  return capabilities
}

describe('planning listeners for several files', () => {
  it('reports each route, tool and skill two files declare on one port, naming both files', async () => {
    const caps = await twoFiles()
    const { diagnostics, listeners } = planListeners(caps, {})
    expect(diagnostics.map((d) => [d.code, d.pointer, d.file])).toEqual([
      ['PORT_ROUTE_CLASH', '/capability/exposes/0/resources/0/operations/0', caps[1]!.file],
      ['PORT_TOOL_CLASH', '/capability/exposes/1/tools/0', caps[1]!.file],
      ['PORT_SKILL_CLASH', '/capability/exposes/2/skills/0', caps[1]!.file],
    ])
    expect(diagnostics[0]!.message).toBe(
      `Route GET /items/{itemId} on port 8080 is declared by both ${caps[0]!.file} and ${caps[1]!.file}.`,
    )
    expect(listeners.map((l) => l.port).sort()).toEqual([3002, 8080, 9090])
  })

  it('finds no clash when the port overrides keep the surfaces apart per file', async () => {
    const caps = await twoFiles()
    const first = planListeners([caps[0]!], { restPort: 1, mcpPort: 2, skillPort: 3 })
    expect(first.diagnostics).toEqual([])
    expect(
      first.listeners.map((l) => [l.port, l.rest.length, l.mcp.length, l.skill.length]),
    ).toEqual([
      [1, 1, 0, 0],
      [2, 0, 1, 0],
      [3, 0, 0, 1],
    ])
  })
})
