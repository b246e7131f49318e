/**
 * Multi-step flows through REST and through the MCP client, as an agent would drive them from
 * tools/list alone, against the sandbox.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_IDS, SEED_IDS } from '../../sandbox/demo-ids.js'
import { QOVERY_SEED_SECRET_IDS } from '../../sandbox/qovery/seed.js'
import { restCall, startHarness, toolCall, type Harness } from '../golden/golden-kit.js'

let h: Harness
let tools: Map<string, { required: string[]; properties: Record<string, { type?: string }> }>

beforeAll(async () => {
  h = await startHarness()
  const listed = await h.mcp.listTools()
  tools = new Map(
    listed.tools.map((t) => [
      t.name,
      {
        required: (t.inputSchema.required as string[] | undefined) ?? [],
        properties: (t.inputSchema.properties ?? {}) as Record<string, { type?: string }>,
      },
    ]),
  )
})
afterAll(async () => {
  await h?.close()
})
beforeEach(() => h.engine.sandbox!.reset())

/** Builds arguments from the advertised inputSchema only: known values for declared properties. */
function argsFor(tool: string, known: Record<string, unknown>): Record<string, unknown> {
  const schema = tools.get(tool)
  expect(schema, `tools/list advertises ${tool}`).toBeDefined()
  const args: Record<string, unknown> = {}
  for (const [name, prop] of Object.entries(schema!.properties)) {
    if (!(name in known)) continue
    const v = known[name]
    if (prop.type === 'object') expect(typeof v).toBe('object')
    args[name] = v
  }
  for (const r of schema!.required) expect(args, `${tool} requires ${r}`).toHaveProperty(r)
  return args
}

async function agent(tool: string, known: Record<string, unknown>) {
  return toolCall(h.mcp, tool, argsFor(tool, known))
}

const rest = (method: string, path: string, body?: unknown, query?: Record<string, unknown>) =>
  restCall(h.baseUrl, {
    method,
    path,
    ...(body !== undefined ? { body } : {}),
    ...(query ? { query } : {}),
  })

type Secret = {
  id: string
  key: string
  scope: string
  variable_type: string
  [k: string]: unknown
}

for (const svc of ['container', 'job'] as const) {
  const id = () => DEMO_IDS.qovery[`${svc}Id`]
  const scope = svc.toUpperCase()

  describe(`Qovery ${svc} secrets`, () => {
    it('REST: create, list with scope, alias, override, edit, delete the parent cascades', async () => {
      const base = `/v1/${svc}/${id()}/secret`
      const created = await rest('POST', base, {
        key: 'FLOW_TOKEN',
        value: 'v1',
        description: 'flow',
      })
      expect(created.status).toBe(201)
      const parent = created.body as Secret
      expect(parent).not.toHaveProperty('value')

      const list1 = (await rest('GET', base)).body as { results: Secret[] }
      expect(list1.results.find((s) => s.id === parent.id)).toMatchObject({
        key: 'FLOW_TOKEN',
        scope,
        variable_type: 'VALUE',
      })

      // Alias and override need a higher-scope target: an environment secret aliasing/overriding
      // is the documented pattern, so the flow aliases the environment secret and also checks that
      // aliasing the freshly created same-level parent is refused with the upstream 400.
      const refused = await rest('POST', `${base}/${parent.id}/alias`, { key: 'FLOW_ALIAS' })
      expect(refused.status).toBe(400)
      expect(refused.headers['capstan-error-source']).toBe('upstream')

      const envSecret = QOVERY_SEED_SECRET_IDS.environmentSmtpPassword
      const alias = await rest('POST', `${base}/${envSecret}/alias`, { key: 'FLOW_ALIAS' })
      expect(alias.status).toBe(201)
      const override = await rest('POST', `${base}/${envSecret}/override`, {
        value: 'flow-override',
      })
      expect(override.status).toBe(201)

      const edited = await rest('PUT', `${base}/${parent.id}`, {
        key: 'FLOW_TOKEN',
        value: 'v2',
        description: 'edited',
      })
      expect(edited.status).toBe(200)
      expect(edited.body).toMatchObject({ id: parent.id, description: 'edited' })

      const list2 = (await rest('GET', base)).body as { results: Secret[] }
      expect(list2.results.map((s) => `${s.key}:${s.variable_type}`)).toEqual(
        expect.arrayContaining(['FLOW_TOKEN:VALUE', 'FLOW_ALIAS:ALIAS', 'SMTP_PASSWORD:OVERRIDE']),
      )
      expect(JSON.stringify(list2)).not.toContain('flow-override')

      expect((await rest('DELETE', `${base}/${parent.id}`)).status).toBe(204)
      const list3 = (await rest('GET', base)).body as { results: Secret[] }
      expect(list3.results.some((s) => s.id === parent.id)).toBe(false)
      expect((await rest('DELETE', `${base}/${parent.id}`)).status).toBe(404)
    })

    it('REST: deleting a parent removes its alias and override (cascade)', async () => {
      // A parent one level up (the environment) is the only kind a service can alias/override.
      const envId = SEED_IDS.qovery.environmentId
      const base = `/v1/${svc}/${id()}/secret`
      const envSecret = QOVERY_SEED_SECRET_IDS.environmentStripeKey
      const alias = (await rest('POST', `${base}/${envSecret}/alias`, { key: 'PAYMENTS_KEY' }))
        .body as Secret
      const override = (await rest('POST', `${base}/${envSecret}/override`, { value: 'sk_flow' }))
        .body as Secret
      expect(alias.variable_type).toBe('ALIAS')
      expect(override.variable_type).toBe('OVERRIDE')
      // The seeds expose only service-level routes, so the parent is deleted on the sandbox directly.
      const sb = h.engine.sandbox!
      const del = await fetch(`${sb.url}/environment/${envId}/secret/${envSecret}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${sb.credentials.QOVERY_API_KEY}` },
      })
      expect(del.status).toBe(204)
      const list = (await rest('GET', base)).body as { results: Secret[] }
      expect(list.results.some((s) => s.id === alias.id || s.id === override.id)).toBe(false)
      expect((await rest('DELETE', `${base}/${alias.id}`)).status).toBe(404)
      expect((await rest('DELETE', `${base}/${override.id}`)).status).toBe(404)
    })

    it('REST: duplicate key and unknown service pass the upstream error through unchanged', async () => {
      const base = `/v1/${svc}/${id()}/secret`
      await rest('POST', base, { key: 'DUP_KEY', value: 'a' })
      const dup = await rest('POST', base, { key: 'DUP_KEY', value: 'b' })
      const direct = h.engine.sandbox!.calls.at(-1)!
      expect(dup.status).toBe(direct.status)
      expect(dup.headers['capstan-error-source']).toBe('upstream')
      expect(dup.body).toEqual({
        status: 400,
        error: 'Bad Request',
        detail: expect.stringContaining('DUP_KEY'),
      })
      const unknown = await rest('POST', `/v1/${svc}/00000000-0000-4000-8000-000000000000/secret`, {
        key: 'X',
        value: 'x',
      })
      expect(unknown.status).toBe(403)
      expect(unknown.headers['capstan-error-source']).toBe('upstream')
      expect(unknown.body).toEqual({ status: 403, error: 'Forbidden', detail: 'Access forbidden' })
    })

    it('MCP: an agent creates, lists, aliases, overrides, edits and deletes from tools/list alone', async () => {
      const ids = { [`${svc}Id`]: id() }
      const add = await agent(`add-secret-${svc}`, {
        ...ids,
        body: { key: 'AGENT_KEY', value: 'a1' },
      })
      expect(add.isError).toBe(false)
      const secret = add.body as Secret
      const list = await agent(`list-${svc}-secrets`, ids)
      expect((list.body as { results: Secret[] }).results).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: secret.id, scope })]),
      )
      const envSecret = QOVERY_SEED_SECRET_IDS.projectSigningKey
      const alias = await agent(`create-secret-alias-${svc}-level`, {
        ...ids,
        secretId: envSecret,
        body: { key: 'AGENT_ALIAS' },
      })
      expect(alias.body).toMatchObject({ variable_type: 'ALIAS' })
      const override = await agent(`create-secret-override-${svc}-level`, {
        ...ids,
        secretId: envSecret,
        body: { value: 'o' },
      })
      expect(override.body).toMatchObject({ variable_type: 'OVERRIDE', key: 'SHARED_SIGNING_KEY' })
      const edit = await agent(`edit-secret-belonging-${svc}`, {
        ...ids,
        secretId: secret.id,
        body: { key: 'AGENT_KEY', value: 'a2', description: 'd' },
      })
      expect(edit.isError).toBe(false)
      const del = await agent(`delete-secret-${svc}`, { ...ids, secretId: secret.id })
      expect(del.isError).toBe(false)
      const again = await agent(`delete-secret-${svc}`, { ...ids, secretId: secret.id })
      expect(again.isError).toBe(true)
      expect(again.text).toContain('404')
      const dup = await agent(`add-secret-${svc}`, {
        ...ids,
        body: { key: 'AGENT_ALIAS', value: 'x' },
      })
      expect(dup.isError).toBe(true)
      expect(dup.text).toContain('400')
      const unknown = await agent(`list-${svc}-secrets`, {
        [`${svc}Id`]: '00000000-0000-4000-8000-000000000000',
      })
      expect(unknown.isError).toBe(true)
      expect(unknown.text).toContain('403')
    })
  })
}

describe('Qovery organization API tokens', () => {
  it('REST and MCP: the token is shown once, never listed, filtered by name, deleted', async () => {
    const org = DEMO_IDS.qovery.organizationId
    const base = `/v1/organization/${org}/apitoken`
    const created = await rest('POST', base, {
      name: 'flow-token',
      description: 'flow',
      role_id: null,
    })
    expect(created.status).toBe(201)
    const token = (created.body as { token: string; id: string }).token
    expect(token).toMatch(/^qov_[0-9a-f]{64}$/)
    const list = await rest('GET', base)
    expect(list.text).not.toContain(token)
    expect(list.text).toContain('flow-token')
    const byName = (await rest('GET', base, undefined, { name: 'flow' })).body as {
      results: { name: string }[]
    }
    expect(byName.results.map((t) => t.name)).toEqual(['flow-token'])
    const viaTool = await agent('list-organization-api-tokens', {
      organizationId: org,
      name: 'flow',
    })
    expect(viaTool.text).not.toContain(token)
    expect((viaTool.body as { results: unknown[] }).results).toHaveLength(1)
    const id = (created.body as { id: string }).id
    const del = await agent('delete-organization-api-token', {
      organizationId: org,
      apiTokenId: id,
    })
    expect(del.isError).toBe(false)
    const after = (await rest('GET', base, undefined, { name: 'flow' })).body as {
      results: unknown[]
    }
    expect(after.results).toEqual([])
    // The token value never reaches the engine log.
    expect(h.logs.join('')).not.toContain(token)
  })
})

describe('Scaleway secrets', () => {
  const base = '/v1/secret-manager/v1beta1/regions/fr-par/secrets'
  it('create, get, update, protect, refused delete (412), unprotect, delete, scheduled list, restore, add owner', async () => {
    const project = DEMO_IDS.scaleway.projectId
    const created = await rest('POST', base, {
      project_id: project,
      name: 'flow-secret',
      path: '/flow',
    })
    expect(created.status).toBe(200)
    const id = (created.body as { id: string }).id
    expect((await rest('GET', `${base}/${id}`)).body).toMatchObject({
      name: 'flow-secret',
      path: '/flow',
    })
    expect((await rest('PATCH', `${base}/${id}`, { description: 'updated' })).body).toMatchObject({
      description: 'updated',
    })
    expect((await rest('POST', `${base}/${id}/protect`, {})).body).toMatchObject({
      protected: true,
    })
    const refused = await rest('DELETE', `${base}/${id}`)
    expect(refused.status).toBe(412)
    expect(refused.headers['capstan-error-source']).toBe('upstream')
    expect(refused.body).toMatchObject({
      type: 'precondition_failed',
      precondition: 'protected_resource',
    })
    expect((await rest('POST', `${base}/${id}/unprotect`, {})).body).toMatchObject({
      protected: false,
    })
    expect((await rest('DELETE', `${base}/${id}`)).status).toBe(204)
    const live = (
      await rest('GET', base, undefined, { project_id: project, scheduled_for_deletion: false })
    ).body as { secrets: { id: string }[] }
    expect(live.secrets.some((s) => s.id === id)).toBe(false)
    const scheduled = (
      await rest('GET', base, undefined, { project_id: project, scheduled_for_deletion: true })
    ).body as { secrets: { id: string }[] }
    expect(scheduled.secrets.some((s) => s.id === id)).toBe(true)
    const restored = await agent('restore-secret', { region: 'fr-par', secret_id: id, body: {} })
    expect(restored.body).toMatchObject({ id, deletion_requested_at: null })
    const owner = await agent('allow-product-use-secret', {
      region: 'fr-par',
      secret_id: id,
      body: { product: 'edge_services' },
    })
    expect(owner.isError).toBe(false)
    expect((await rest('GET', `${base}/${id}`)).body).toMatchObject({ used_by: ['edge_services'] })
  })

  it('version restore brings a version back from a scheduled deletion of its secret', async () => {
    const sid = '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e01'
    expect((await rest('DELETE', `${base}/${sid}`)).status).toBe(204)
    const blocked = await agent('restore-version', {
      region: 'fr-par',
      secret_id: sid,
      revision: '2',
      body: {},
    })
    expect(blocked.isError).toBe(true)
    expect(blocked.text).toContain('412')
    expect((await rest('POST', `${base}/${sid}/restore`, {})).status).toBe(200)
    const ok = await agent('restore-version', {
      region: 'fr-par',
      secret_id: sid,
      revision: '2',
      body: {},
    })
    expect(ok.body).toMatchObject({ revision: 2, status: 'enabled' })
  })

  it('pages through more than one page with page and page_size', async () => {
    const project = DEMO_IDS.scaleway.projectId
    for (let i = 0; i < 4; i++) {
      expect((await rest('POST', base, { project_id: project, name: `page-${i}` })).status).toBe(
        200,
      )
    }
    const seen: string[] = []
    let total = 0
    for (let page = 1; page <= 10; page++) {
      const r = await agent('list-secrets', {
        region: 'fr-par',
        project_id: project,
        scheduled_for_deletion: false,
        page: String(page),
        page_size: 3,
      })
      const body = r.body as { secrets: { name: string }[]; total_count: number }
      total = body.total_count
      if (body.secrets.length === 0) break
      expect(body.secrets.length).toBeLessThanOrEqual(3)
      seen.push(...body.secrets.map((s) => s.name))
    }
    expect(total).toBe(9)
    expect(seen).toHaveLength(9)
    expect(new Set(seen).size).toBe(9)
    expect(seen).toEqual([...seen].sort())
  })
})
