import { describe, expect, it } from 'vitest'
import { itemsCapability } from '../../test/support/items-capability.js'
import { loadCapabilityText } from '../../test/support/load-capability-text.js'
import type { ScriptStep, StepsPlan } from './types.js'

const cap = (step: string, scripting = '') =>
  itemsCapability(
    'Scripts',
    `    - type: control
      port: 9091
${scripting}    - type: mcp
      namespace: tools
      port: 9090
      tools:
        - name: items
          description: Items.
          steps:
            - {type: call, name: all, call: up.list}
            - ${step}
          mappings:
            - {targetName: items, value: $.shaped}
`,
  )

async function scriptStep(yaml: string) {
  const r = await loadCapabilityText(yaml)
  const mcp = r.capabilities[0]?.exposes.find((e) => e.type === 'mcp')
  const plan = mcp?.type === 'mcp' ? (mcp.tools[0]!.plan as StepsPlan) : undefined
  return {
    diagnostics: r.diagnostics,
    step: plan?.steps.find((s): s is ScriptStep => s.kind === 'script'),
  }
}

describe('script steps at load', () => {
  it('takes location, language and timeout from management.scripting when the step omits them', async () => {
    const { step, diagnostics } = await scriptStep(
      cap(
        '{type: script, name: shaped, file: shape.js, dependencies: [lib/util.js]}',
        `      management:
        scripting: {defaultLocation: 'file:///./scripts', defaultLanguage: javascript, timeout: 250}
`,
      ),
    )
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    // the defaults stay on the governance, which the runner reads at each run
    expect(step!.location).toBeUndefined()
    expect(step!.ownLanguage).toBe(false)
    expect(step!.governance!.defaultLocation).toMatch(/\/scripts$/)
    expect(step!.files).toEqual(['lib/util.js', 'shape.js'])
    expect(step!.governance!.timeoutMs).toBe(250)
    expect(step!.governance!.statementLimit).toBe(100_000)
  })

  it('reports a step without language or location, and a path that leaves its location', async () => {
    const { diagnostics } = await scriptStep(
      cap('{type: script, name: shaped, file: ../secrets.js}'),
    )
    const found = diagnostics.filter((d) => d.code === 'SCRIPT_STEP_INVALID')
    expect(found.map((d) => d.pointer)).toEqual(['/capability/exposes/1/tools/0/steps/1/language'])
    const located = await scriptStep(
      cap(
        "{type: script, name: shaped, language: javascript, location: 'file:///./s', file: ../secrets.js}",
      ),
    )
    const bad = located.diagnostics.find((d) => d.code === 'SCRIPT_STEP_INVALID')!
    expect(bad.pointer).toBe('/capability/exposes/1/tools/0/steps/1/file')
    expect(bad.hint).toMatch(/without \. or \.\. segments/)
  })

  it('keeps the step, with its own location, when governance turns scripting off', async () => {
    const { step } = await scriptStep(
      cap(
        "{type: script, name: shaped, language: javascript, location: 'file:///./s', file: a.js}",
        `      management:
        scripting: {enabled: false}
`,
      ),
    )
    expect(step!.location).toMatch(/\/s$/)
    expect(step!.ownLanguage).toBe(true)
    expect(step!.governance!.enabled).toBe(false)
  })
})
