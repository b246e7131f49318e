import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeClient } from '../contract/client.js'
import { DEMO_IDS, SEED_IDS } from '../demo-ids.js'
import { startSandbox, type Sandbox } from '../index.js'
import { QOVERY_SEED_ROLE_IDS, QOVERY_SEED_SECRET_IDS as S } from './seed.js'

// Sandbox-only behaviour that depends on the seeded demo data.
let sb: Sandbox
let call: ReturnType<typeof makeClient>
beforeAll(async () => {
  sb = await startSandbox()
  call = makeClient(sb.url, { authorization: 'Token sandbox-qovery-token' })
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const Q = { ...DEMO_IDS.qovery, ...SEED_IDS.qovery }
const keys = (body: { results: { key: string }[] }): string[] => body.results.map((s) => s.key)

describe('Qovery emulator seed and scope model', () => {
  it('uses the {status, error, detail} error envelope', async () => {
    const res = await makeClient(sb.url, {})('GET', `/container/${Q.containerId}/secret`)
    expect(res.body).toEqual({
      status: 401,
      error: 'Unauthorized',
      detail: 'Access token is missing or invalid',
    })
  })

  it("answers 403 for another organization's container and job", async () => {
    expect((await call('GET', `/container/${Q.foreignContainerId}/secret`)).status).toBe(403)
    expect((await call('GET', `/job/${Q.foreignJobId}/secret`)).status).toBe(403)
    // A job id on the container path is not a container.
    expect((await call('GET', `/container/${Q.jobId}/secret`)).status).toBe(403)
  })

  it('lists inherited secrets in scope order and hides sibling services', async () => {
    const api = (await call('GET', `/container/${Q.containerId}/secret`)).body
    expect(api.results.map((s: { scope: string }) => s.scope)).toEqual([
      'BUILT_IN',
      'BUILT_IN',
      'BUILT_IN',
      'PROJECT',
      'PROJECT',
      'ENVIRONMENT',
      'ENVIRONMENT',
      'CONTAINER',
      'CONTAINER',
      'CONTAINER',
      'CONTAINER',
    ])
    const worker = (await call('GET', `/container/${Q.workerContainerId}/secret`)).body
    expect(keys(worker)).not.toContain('JWT_SECRET')
    expect(keys(worker)).not.toContain('QOVERY_CONTAINER_Z7A2C9E4F_HOST_INTERNAL')
    const env = (await call('GET', `/environment/${Q.environmentId}/secret`)).body
    expect(keys(env)).toContain('STRIPE_SECRET_KEY')
    expect(keys(env)).not.toContain('JWT_SECRET')
  })

  it('presents seeded aliases and overrides with their targets', async () => {
    const list = (await call('GET', `/container/${Q.containerId}/secret`)).body.results
    const alias = list.find((s: { id: string }) => s.id === S.containerDatabaseUrlAlias)
    expect(alias).toMatchObject({
      key: 'DATABASE_URL',
      variable_type: 'ALIAS',
      aliased_secret: { id: S.builtInDatabaseUrl, scope: 'BUILT_IN', mount_path: '' },
      service_name: 'api',
    })
    const override = list.find((s: { id: string }) => s.id === S.containerSentryOverride)
    expect(override.overridden_secret).toMatchObject({ id: S.projectSentryDsn, key: 'SENTRY_DSN' })
  })

  it('refuses a plain secret whose key is inherited, pointing to an override', async () => {
    const res = await call('POST', `/job/${Q.jobId}/secret`, {
      body: { key: 'STRIPE_SECRET_KEY', value: 'x' },
    })
    expect(res.status).toBe(400)
    expect(res.body.detail).toContain('override')
  })

  it('refuses inherited secrets on PUT/DELETE through the service path', async () => {
    const res = await call('DELETE', `/container/${Q.containerId}/secret/${S.projectSentryDsn}`)
    expect(res.status).toBe(400)
    expect(res.body.detail).toContain('PROJECT')
  })

  it('refuses keys reserved for Qovery', async () => {
    const res = await call('POST', `/job/${Q.jobId}/secret`, {
      body: { key: 'QOVERY_MINE', value: 'x' },
    })
    expect(res.status).toBe(400)
  })
})

describe('Qovery API tokens as credentials', () => {
  const base = `/organization/${Q.organizationId}/apiToken`

  it('filters seeded tokens by creatorName (case-insensitive substring)', async () => {
    const res = await call('GET', base, { query: { creatorName: 'alice' } })
    expect(res.body.results.map((x: { name: string }) => x.name)).toEqual([
      'ci-deployer',
      'status-dashboard',
    ])
  })

  it('accepts a created token with the Token scheme until it is deleted', async () => {
    const created = await call('POST', base, {
      body: { name: 'ci', role_id: QOVERY_SEED_ROLE_IDS.devops },
    })
    expect(created.body).toMatchObject({
      role_name: 'devops',
      role_id: QOVERY_SEED_ROLE_IDS.devops,
    })
    const token = created.body.token as string
    const asToken = makeClient(sb.url, { authorization: `Token ${token}` })
    expect((await asToken('GET', base)).status).toBe(200)
    const asBearer = makeClient(sb.url, { authorization: `Bearer ${token}` })
    expect((await asBearer('GET', base)).status).toBe(401)
    expect((await call('DELETE', `${base}/${created.body.id}`)).status).toBe(204)
    expect((await asToken('GET', base)).status).toBe(401)
  })

  it('answers 400 for a role that does not belong to the organization', async () => {
    const res = await call('POST', base, { body: { name: 'x', role_id: Q.containerId } })
    expect(res.status).toBe(400)
  })
})
