/** The JSON body of a consumed operation: a sole `{{variable}}` template sends no body when absent. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadCapabilities } from '../model/load-capabilities.js'
import type { CallPlan, TemplateContext } from '../model/types.js'
import { buildRequest } from './build-request.js'

const FILE = 'examples/strict/qovery-container-secret.yaml'

/** The consumed createcontainersecret operation behind the add-secret-container tool. */
async function createSecret(edit: (text: string) => string = (t) => t): Promise<CallPlan> {
  const r = await loadCapabilities([FILE], {
    cwd: process.cwd(),
    profile: 'strict',
    readFile: (p) => Promise.resolve(edit(readFileSync(p, 'utf8'))),
  })
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  for (const ex of r.capabilities[0]!.exposes) {
    if (ex.type !== 'mcp') continue
    const plan = ex.tools.find((t) => t.name === 'add-secret-container')!.plan
    if (plan.kind === 'call') return plan
  }
  throw new Error('add-secret-container has no call plan')
}

function build(plan: CallPlan, inputs: TemplateContext) {
  const values = { containerId: 'c1', ...inputs }
  const r = buildRequest(plan.target, plan.slots, values, () => values)
  return { body: r.body, contentType: r.headers['content-type'] }
}

describe('a JSON body template that is a sole variable', () => {
  it('sends no body and no content type when the variable is absent', async () => {
    const target = await createSecret()
    expect(build(target, {})).toEqual({ body: undefined, contentType: undefined })
    expect(build(target, { body: undefined })).toEqual({ body: undefined, contentType: undefined })
  })

  it('sends present values as JSON, an explicit null included', async () => {
    const target = await createSecret()
    const json = (body: string) => ({ body, contentType: 'application/json' })
    expect(build(target, { body: { key: 'K', value: 'v' } })).toEqual(
      json('{"key":"K","value":"v"}'),
    )
    expect(build(target, { body: [1, 'a'] })).toEqual(json('[1,"a"]'))
    expect(build(target, { body: 'plain' })).toEqual(json('"plain"'))
    expect(build(target, { body: '{"a":1}' })).toEqual(json('{"a":1}'))
    expect(build(target, { body: '' })).toEqual(json('""'))
    expect(build(target, { body: 5 })).toEqual(json('5'))
    expect(build(target, { body: false })).toEqual(json('false'))
    expect(build(target, { body: null })).toEqual(json('null'))
  })

  it('a template with text around the variable still sends a body when it is absent', async () => {
    const target = await createSecret((t) =>
      t.replace('data: "{{body}}"', `data: '{"key": "{{body}}"}'`),
    )
    expect(build(target, {})).toEqual({ body: '{"key":""}', contentType: 'application/json' })
    expect(build(target, { body: 'K' })).toEqual({
      body: '{"key":"K"}',
      contentType: 'application/json',
    })
  })
})
