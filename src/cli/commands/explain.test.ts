import { describe, expect, it } from 'vitest'
import { itemsCapability } from '../../../test/support/items-capability.js'
import { loadCapabilityText } from '../../../test/support/load-capability-text.js'
import { explainCapability } from './explain.js'

const CAP = `naftiko: 1.0.0-alpha2
info: {label: Explain, description: upstream URLs as they are called}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://upstream.test/v1
      resources:
        - name: forecast
          path: forecast/{{city}}
          operations: [{name: get-forecast, method: GET}]
  exposes:
    - type: mcp
      namespace: tools
      port: 9091
      tools:
        - name: forecast
          description: Forecast of a city.
          inputParameters: [{name: city, type: string, description: City.}]
          call: up.get-forecast
`

describe('explain', () => {
  it('shows the upstream URL as it is called: base URI and path joined by one slash', async () => {
    const { capabilities } = await loadCapabilityText(CAP)
    const [entry] = capabilities.flatMap((c) => explainCapability(c))
    expect(entry?.upstream?.url).toBe('http://upstream.test/v1/forecast/{city}')
  })
})

describe('explain of steps and skills', () => {
  it('lists each step of an orchestration: the call, the lookup and the script with its files', async () => {
    const { capabilities } = await loadCapabilityText(
      itemsCapability(
        'Steps',
        `    - type: mcp
      namespace: tools
      port: 9091
      tools:
        - name: shaped
          description: Items, looked up and shaped.
          steps:
            - {type: call, name: all, call: up.list}
            - {type: lookup, name: one, index: all, match: id, lookupValue: '1', outputParameters: [name]}
            - {type: script, name: shape, language: javascript, location: 'file:///./js', file: shape.js, dependencies: [lib.js]}
          mappings: [{targetName: out, value: $.shape}]
`,
      ),
    )
    const [entry] = capabilities.flatMap((c) => explainCapability(c))
    expect(entry!.steps).toEqual([
      { kind: 'call', name: 'all', detail: 'GET http://upstream.test/items  (up.list)' },
      { kind: 'lookup', name: 'one', detail: 'in all where id matches' },
      { kind: 'script', name: 'shape', detail: 'lib.js, shape.js  (JavaScript, 1000 ms)' },
    ])
  })

  const scriptCapability = (management: string) =>
    itemsCapability(
      'Governed',
      `${management}    - type: mcp
      namespace: tools
      port: 9091
      tools:
        - name: shaped
          description: Items, shaped.
          steps:
            - {type: script, name: shape, language: javascript, location: 'file:///./js', file: shape.js}
          mappings: [{targetName: out, value: $.shape}]
`,
    )

  it('says a script step is refused when its governance does not allow JavaScript, and why', async () => {
    const { capabilities } = await loadCapabilityText(
      scriptCapability(`    - type: control
      port: 9092
      management: {scripting: {enabled: true, allowedLanguages: [python]}}
`),
    )
    const [entry] = capabilities.flatMap((c) => explainCapability(c))
    expect(entry!.steps![0]!.detail).toBe(
      'shape.js  (JavaScript, 1000 ms), refused: management.scripting.allowedLanguages does not allow JavaScript',
    )
  })

  it('says a script step is refused when NAFTIKO_SCRIPTING=false and the file declares no governance', async () => {
    const { capabilities } = await loadCapabilityText(scriptCapability(''))
    const off = capabilities.flatMap((c) => explainCapability(c, { NAFTIKO_SCRIPTING: 'false' }))
    expect(off[0]!.steps![0]!.detail).toBe(
      'shape.js  (JavaScript, 1000 ms), refused: NAFTIKO_SCRIPTING=false turns scripting off',
    )
    const on = capabilities.flatMap((c) => explainCapability(c, {}))
    expect(on[0]!.steps![0]!.detail).toBe('shape.js  (JavaScript, 1000 ms)')
  })

  it('lists each skill with what its tools point at', async () => {
    const { capabilities } = await loadCapabilityText(
      itemsCapability(
        'Skills',
        `    - type: mcp
      namespace: tools
      port: 9091
      tools: [{name: list-items, description: Lists., call: up.list}]
    - type: skill
      namespace: skills
      port: 3002
      skills:
        - name: items
          description: Work with items.
          location: file:///./items
          tools:
            - {name: a, description: Lists., from: {sourceNamespace: tools, action: list-items}}
            - {name: b, description: Guide., instruction: guide.md}
`,
      ),
    )
    const skill = capabilities
      .flatMap((c) => explainCapability(c))
      .find((e) => e.surface === 'skill')!
    expect(skill.name).toBe('items')
    expect(skill.skillTools).toEqual([
      { name: 'a', target: 'mcp tool list-items of tools' },
      { name: 'b', target: 'instruction guide.md' },
    ])
  })
})
