/** Issue 2 must-show: the seeds resolve with 0 errors and each tool and operation has the right inputs. */
import { describe, expect, it } from 'vitest'
import { explainCapability } from '../cli/commands/explain.js'
import { loadCapabilities } from './load-capabilities.js'
import { CONFORMANCE_ROOT, SEMANTIC_INVALID } from '../../test/conformance/fixture-table.js'

describe('seed plans', async () => {
  const result = await loadCapabilities(['examples/seeds'], { cwd: process.cwd() })
  const entries = result.capabilities.flatMap((c) => explainCapability(c))
  const tool = (name: string) => entries.find((e) => e.surface === 'mcp' && e.name === name)!

  it('loads the four seeds with no error', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.capabilities).toHaveLength(4)
    expect(entries.filter((e) => e.surface === 'mcp')).toHaveLength(25)
    expect(entries.filter((e) => e.surface === 'rest')).toHaveLength(25)
  })

  it('list-container-secrets needs containerId, fed into the consumed path', () => {
    const t = tool('list-container-secrets')
    expect(t.inputs).toEqual([
      {
        name: 'containerId',
        location: 'argument',
        type: 'string',
        required: true,
        origin: 'inferred',
      },
    ])
    expect(t.upstream!.slots).toContainEqual({
      location: 'path',
      name: 'containerId',
      from: 'input containerId',
    })
  })

  it('get-metadata-using-secret-s-id needs region and secret_id', () => {
    const t = tool('get-metadata-using-secret-s-id')
    expect(
      t.inputs
        .filter((i) => i.required)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['region', 'secret_id'])
  })

  it('the REST route {secret-id} feeds the consumed secret_id (tolerant name match)', () => {
    const op = entries.find(
      (e) => e.route === 'GET /v1/secret-manager/v1beta1/regions/{region}/secrets/{secret-id}',
    )!
    expect(op.upstream!.slots).toContainEqual({
      location: 'path',
      name: 'secret_id',
      from: 'input secret-id',
    })
    expect(
      result.diagnostics.some(
        (d) => d.code === 'RULE_TOLERANT_NAME' && d.message.includes('secret-id'),
      ),
    ).toBe(true)
  })

  it('the REST route {containerid} feeds the consumed {containerId}', () => {
    const op = entries.find((e) => e.route === 'GET /v1/container/{containerid}/secret')!
    expect(op.upstream!.slots).toContainEqual({
      location: 'path',
      name: 'containerId',
      from: 'input containerid',
    })
  })

  it('each rule that fires names its strict rewrite', () => {
    const rules = result.diagnostics.filter((d) => d.code.startsWith('RULE_'))
    expect(new Set(rules.map((d) => d.code))).toEqual(
      new Set([
        'RULE_SINGLE_BRACE',
        'RULE_AUTO_INPUT',
        'RULE_TOLERANT_NAME',
        'RULE_WITH_PREFIX',
        'RULE_BODY_PARAMETER',
        'RULE_INFERRED_TOOL_INPUTS',
        'RULE_OUTPUT_PASSTHROUGH',
      ]),
    )
    for (const d of rules) expect(d.hint).toMatch(/Strict rewrite/)
    for (const d of rules) expect(d.line).toBeGreaterThan(0)
  })
})

describe('semantically invalid conformance fixtures', () => {
  for (const entry of SEMANTIC_INVALID) {
    it(`${entry.file} fails with ${entry.code}`, async () => {
      const r = await loadCapabilities([`${CONFORMANCE_ROOT}/${entry.file}`], {
        cwd: process.cwd(),
      })
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain(
        entry.code,
      )
    })
  }
})
