import { afterEach, describe, expect, it } from 'vitest'
import { makeClient } from '../contract/client.js'
import { DEMO_IDS, SANDBOX_CREDENTIALS } from '../demo-ids.js'
import { startSandbox, type Sandbox } from '../index.js'
import { SCALEWAY_SEED_SECRET_IDS as S } from './seed.js'

// Sandbox-only behaviour: seeded data, choices where the real API is not documented, clock use.
const open: Sandbox[] = []
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close()
})

let nowMs = Date.parse('2026-09-01T10:00:00Z')
async function start() {
  nowMs = Date.parse('2026-09-01T10:00:00Z')
  const sb = await startSandbox({ clock: () => new Date(nowMs) })
  open.push(sb)
  return makeClient(sb.url, { 'x-auth-token': SANDBOX_CREDENTIALS.SCALEWAY_API_KEY })
}
const P = DEMO_IDS.scaleway.projectId
const base = '/secret-manager/v1beta1/regions/fr-par/secrets'
const b64 = (s: string): string => Buffer.from(s).toString('base64')

describe('Scaleway emulator', () => {
  it('lists the seeded fr-par secrets by name and keeps nl-ams apart', async () => {
    const call = await start()
    const fr = await call('GET', base, { query: { project_id: P } })
    expect(fr.body.secrets.map((s: { name: string }) => s.name)).toEqual([
      'app-config',
      'bootstrap-token',
      'database-password',
      'stripe-api-key',
      'tls-certificate',
    ])
    const ams = await call('GET', '/secret-manager/v1beta1/regions/nl-ams/secrets', {
      query: { organization_id: DEMO_IDS.scaleway.organizationId },
    })
    expect(ams.body.total_count).toBe(1)
    const scheduled = await call('GET', base, {
      query: { project_id: P, scheduled_for_deletion: 'true' },
    })
    expect(scheduled.body.secrets[0].id).toBe(S.legacyCiToken)
  })

  it('gives the exact 401 bodies for a missing and a malformed key', async () => {
    await start()
    const sb = open[0] as Sandbox
    const anon = makeClient(sb.url, {})
    expect((await anon('GET', `${base}/${S.stripeApiKey}`)).body).toEqual({
      message: 'authentication is denied',
      method: 'unknown_method',
      reason: 'invalid_argument',
      type: 'denied_authentication',
    })
    const bad = await anon('GET', `${base}/${S.stripeApiKey}`, {
      headers: { 'x-auth-token': 'nope' },
    })
    expect(bad.body).toMatchObject({ method: 'api_key', reason: 'invalid_argument' })
  })

  it('rejects an unknown region and a malformed secret id with invalid_arguments', async () => {
    const call = await start()
    const region = await call('GET', '/secret-manager/v1beta1/regions/us-east/secrets', {
      query: { project_id: P },
    })
    expect(region.status).toBe(400)
    expect(region.body.details[0].argument_name).toBe('region')
    const id = await call('GET', `${base}/not-a-uuid`)
    expect(id.status).toBe(400)
    expect(id.body.details[0].argument_name).toBe('secret_id')
  })

  it("answers 403 permissions_denied for another organization's secret", async () => {
    const call = await start()
    const res = await call('GET', `${base}/${S.foreignSecret}`)
    expect(res.status).toBe(403)
    expect(res.body).toEqual({
      details: [{ action: 'read', resource: 'secret_manager' }],
      message: 'insufficient permissions',
      type: 'permissions_denied',
    })
  })

  it('requires organization_id or project_id to list', async () => {
    const call = await start()
    const res = await call('GET', base)
    expect(res.status).toBe(400)
    expect(res.body.details[0]).toMatchObject({ argument_name: 'project_id', reason: 'required' })
  })

  it('schedules versions with the secret and brings them back on restore', async () => {
    const call = await start()
    const id = S.databasePassword
    expect((await call('DELETE', `${base}/${id}`)).status).toBe(204)
    const versions = (await call('GET', `${base}/${id}/versions`)).body.versions
    expect(versions.map((v: { status: string }) => v.status)).toEqual([
      'scheduled_for_deletion',
      'scheduled_for_deletion',
    ])
    expect((await call('GET', `${base}/${id}/versions/latest/access`)).status).toBe(412)
    expect((await call('PATCH', `${base}/${id}`, { body: { name: 'x' } })).status).toBe(412)
    await call('POST', `${base}/${id}/restore`, { body: {} })
    const back = (await call('GET', `${base}/${id}/versions`)).body.versions
    expect(back.map((v: { status: string }) => v.status)).toEqual(['enabled', 'disabled'])
  })

  it('disables an ephemeral version once its time_to_live has passed', async () => {
    const call = await start()
    const s = await call('POST', base, {
      body: {
        project_id: P,
        name: 'short',
        ephemeral_policy: { time_to_live: '60s', action: 'disable' },
      },
    })
    const v = await call('POST', `${base}/${s.body.id}/versions`, { body: { data: b64('x') } })
    expect(v.body.ephemeral_properties).toEqual({
      expires_at: '2026-09-01T10:01:00.000000Z',
      expires_once_accessed: null,
      action: 'disable',
    })
    expect((await call('GET', `${base}/${s.body.id}/versions/1/access`)).status).toBe(200)
    nowMs += 61_000
    const late = await call('GET', `${base}/${s.body.id}/versions/1/access`)
    expect(late.status).toBe(412)
    expect((await call('GET', `${base}/${s.body.id}/versions/1`)).body.status).toBe('disabled')
  })

  it('enforces the 20-versions quota with quotas_exceeded', async () => {
    const call = await start()
    const s = await call('POST', base, { body: { project_id: P, name: 'many' } })
    for (let i = 0; i < 20; i++) {
      expect(
        (await call('POST', `${base}/${s.body.id}/versions`, { body: { data: b64(`${i}`) } }))
          .status,
      ).toBe(200)
    }
    const over = await call('POST', `${base}/${s.body.id}/versions`, { body: { data: b64('x') } })
    expect(over.status).toBe(403)
    expect(over.body.type).toBe('quotas_exceeded')
  })

  it('checks data_crc32 and database_credentials payloads', async () => {
    const call = await start()
    const id = S.databasePassword
    const crc = await call('POST', `${base}/${id}/versions`, {
      body: { data: b64('{}'), data_crc32: 1 },
    })
    expect(crc.status).toBe(400)
    const badPort = JSON.stringify({
      engine: 'postgres',
      username: 'u',
      password: 'p',
      host: 'h',
      dbname: 'd',
      port: '54x',
    })
    const res = await call('POST', `${base}/${id}/versions`, { body: { data: b64(badPort) } })
    expect(res.status).toBe(400)
    expect(res.body.details[0].help_message).toContain('port')
  })

  it('lists tags and secret types used in a project', async () => {
    const call = await start()
    const tags = await call('GET', '/secret-manager/v1beta1/regions/fr-par/tags', {
      query: { project_id: P },
    })
    expect(tags.body).toEqual({ tags: ['ci', 'db', 'payments', 'prod', 'staging'], total_count: 5 })
    const types = await call('GET', '/secret-manager/v1beta1/regions/fr-par/secret-types', {
      query: { project_id: P },
    })
    expect(types.body.types).toEqual(['opaque', 'certificate', 'key_value', 'database_credentials'])
  })
})
