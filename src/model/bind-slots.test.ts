import { describe, expect, it } from 'vitest'
import { loadCapabilityText } from '../../test/support/load-capability-text.js'

const CAP = `naftiko: 1.0.0-alpha2
info: {label: With keys, description: with keys that feed something and one that feeds nothing}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://upstream.test
      resources:
        - name: items
          path: /items/{{id}}
          operations:
            - name: get-item
              method: GET
              inputParameters:
                - {name: x-trace, in: header, value: 'trace-{{trace}}'}
            - name: list
              method: GET
  exposes:
    - type: mcp
      namespace: tools
      port: 9091
      tools:
        - name: item
          description: One item.
          inputParameters: [{name: item, type: string, description: Item id.}]
          call: up.get-item
          with: {id: tools.item, trace: abc, location: paris}
        - name: both
          description: Two calls.
          inputParameters: [{name: item, type: string, description: Item id.}]
          steps:
            - {type: call, name: all, call: up.list, with: {page: '2'}}
            - {type: call, name: one, call: up.get-item, with: {id: tools.item, trace: x}}
          mappings:
            - {targetName: one, value: $.one}
`

describe('with keys', () => {
  it('warns about each key that no slot takes and no template reads, where it is written', async () => {
    const { diagnostics } = await loadCapabilityText(CAP)
    const unused = diagnostics.filter((d) => d.code === 'WITH_UNUSED')
    expect(unused.map((d) => [d.pointer, d.severity])).toEqual([
      ['/capability/exposes/0/tools/0/with/location', 'warning'],
      ['/capability/exposes/0/tools/1/steps/0/with/page', 'warning'],
    ])
    expect(unused[0]!.message).toContain('"location" feeds nothing in up.get-item')
    expect(unused[0]!.line).toBe(27)
    expect(unused[0]!.hint).toMatch(/Declare it on the consumed operation/)
  })
})
