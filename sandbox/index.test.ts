import { afterEach, describe, expect, it } from 'vitest'
import { makeClient } from './contract/client.js'
import { DEMO_IDS, SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from './index.js'

const open: Sandbox[] = []
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close()
})

async function start(opts: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await startSandbox(opts)
  open.push(sb)
  return sb
}

function counterIds(): () => string {
  let n = 0
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`
}

const qovery = (sb: Sandbox) =>
  makeClient(sb.url, { authorization: `Bearer ${SANDBOX_CREDENTIALS.QOVERY_API_KEY}` })
const scaleway = (sb: Sandbox) =>
  makeClient(sb.url, { 'x-auth-token': SANDBOX_CREDENTIALS.SCALEWAY_API_KEY })
const containerBase = `/container/${DEMO_IDS.qovery.containerId}/secret`
const scwBase = `/secret-manager/v1beta1/regions/fr-par/secrets`

describe('startSandbox', () => {
  it('serves both upstreams on one 127.0.0.1 port and exposes ids and credentials', async () => {
    const sb = await start()
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sb.origins).toEqual({
      'https://api.qovery.com': sb.url,
      'https://api.scaleway.com': sb.url,
    })
    expect(sb.credentials).toEqual(SANDBOX_CREDENTIALS)
    expect(SANDBOX_CREDENTIALS.SCALEWAY_API_KEY).toMatch(/^[0-9a-f-]{36}$/)
    expect(sb.demoIds).toEqual(DEMO_IDS)
    expect(Object.keys(DEMO_IDS.qovery)).toEqual(['organizationId', 'containerId', 'jobId'])
    expect(Object.keys(DEMO_IDS.scaleway)).toEqual(['region', 'organizationId', 'projectId'])
    expect((await qovery(sb)('GET', containerBase)).status).toBe(200)
    const scw = await scaleway(sb)('GET', scwBase, {
      query: { project_id: DEMO_IDS.scaleway.projectId },
    })
    expect(scw.status).toBe(200)
  })

  it('uses the injected clock and id generator', async () => {
    const sb = await start({
      clock: () => new Date('2026-09-01T10:00:00.123Z'),
      newId: counterIds(),
    })
    const q = await qovery(sb)('POST', containerBase, { body: { key: 'NEW_ONE', value: 'v' } })
    expect(q.body).toMatchObject({
      id: '00000000-0000-4000-8000-000000000001',
      created_at: '2026-09-01T10:00:00Z',
    })
    const s = await scaleway(sb)('POST', scwBase, {
      body: { project_id: DEMO_IDS.scaleway.projectId, name: 'n' },
    })
    expect(s.body).toMatchObject({
      id: '00000000-0000-4000-8000-000000000002',
      created_at: '2026-09-01T10:00:00.123000Z',
    })
  })

  it('records every call with method, path, query, headers and body', async () => {
    const sb = await start()
    await qovery(sb)('POST', containerBase, { body: { key: 'RECORDED', value: 'v' } })
    await scaleway(sb)('GET', scwBase, { query: { project_id: 'p', tags: ['a', 'b'] } })
    expect(sb.calls).toHaveLength(2)
    expect(sb.calls[0]).toMatchObject({
      method: 'POST',
      path: containerBase,
      body: { key: 'RECORDED', value: 'v' },
      status: 201,
    })
    expect(sb.calls[0]?.headers.authorization).toBe('Bearer sandbox-qovery-token')
    expect(sb.calls[1]?.query).toEqual({ project_id: 'p', tags: ['a', 'b'] })
  })

  it('reset() restores the seed data and clears the call log', async () => {
    const sb = await start()
    const client = qovery(sb)
    const before = (await client('GET', containerBase)).body
    const created = await client('POST', containerBase, { body: { key: 'TEMP', value: 'v' } })
    expect(created.status).toBe(201)
    sb.reset()
    expect(sb.calls).toHaveLength(0)
    expect((await client('GET', containerBase)).body).toEqual(before)
  })

  it('answers unknown routes and methods in each API own error shape', async () => {
    const sb = await start()
    const q = await qovery(sb)('GET', `/container/${DEMO_IDS.qovery.containerId}/nothing`)
    expect(q.status).toBe(404)
    expect(q.body).toMatchObject({ status: 404, error: 'Not Found' })
    const m = await qovery(sb)('PATCH', containerBase)
    expect(m.status).toBe(405)
    const s = await scaleway(sb)('GET', '/secret-manager/v1beta1/regions/fr-par/nothing')
    expect(s.status).toBe(404)
    expect(s.body.type).toBe('not_found')
    expect((await qovery(sb)('GET', '/elsewhere')).status).toBe(404)
  })

  it('answers 400 to a body that is not JSON', async () => {
    const sb = await start()
    const q = await qovery(sb)('POST', containerBase, { rawBody: '{nope' })
    expect(q.status).toBe(400)
    const s = await scaleway(sb)('POST', scwBase, { rawBody: '{nope' })
    expect(s.status).toBe(400)
    expect(s.body.type).toBe('invalid_arguments')
  })

  it('close() can be called twice', async () => {
    const sb = await startSandbox()
    await sb.close()
    await sb.close()
  })
})
