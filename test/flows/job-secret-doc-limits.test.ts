/**
 * The fields and limits of Qovery's "add a secret to the job" page hold through Capstan, and a
 * wrong upstream credential comes back as the upstream 401.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_IDS } from '../../sandbox/demo-ids.js'
import { startSandbox, type Sandbox } from '../../sandbox/index.js'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import {
  restCall,
  ROOT,
  SEEDS_DIR,
  startHarness,
  toolCall,
  type Harness,
} from '../golden/golden-kit.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})
beforeEach(() => h.engine.sandbox!.reset())

describe('add a secret to the job (docs/qovery-docs-add-a-secret-to-the-job.txt)', () => {
  const base = () => `/v1/job/${DEMO_IDS.qovery.jobId}/secret`

  it('requires key', async () => {
    const r = await restCall(h.baseUrl, { method: 'POST', path: base(), body: { value: 'v' } })
    expect(r.status).toBe(400)
    expect(r.headers['capstan-error-source']).toBe('upstream')
  })

  it('accepts a description of 255 characters and refuses 256', async () => {
    const ok = await restCall(h.baseUrl, {
      method: 'POST',
      path: base(),
      body: { key: 'DESC_OK', value: 'v', description: 'd'.repeat(255) },
    })
    expect(ok.status).toBe(201)
    expect((ok.body as { description: string }).description).toHaveLength(255)
    const tooLong = await restCall(h.baseUrl, {
      method: 'POST',
      path: base(),
      body: { key: 'DESC_KO', value: 'v', description: 'd'.repeat(256) },
    })
    expect(tooLong.status).toBe(400)
  })

  it('a mount_path makes a FILE secret; the value is never returned by REST or MCP', async () => {
    const value = 'file-content-must-stay-hidden'
    const r = await restCall(h.baseUrl, {
      method: 'POST',
      path: base(),
      body: { key: 'CONFIG_FILE', value, mount_path: '/etc/job/config.yaml' },
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ key: 'CONFIG_FILE', variable_type: 'FILE' })
    expect(r.text).not.toContain(value)
    const list = await restCall(h.baseUrl, { method: 'GET', path: base() })
    expect(list.text).toContain('CONFIG_FILE')
    expect(list.text).not.toContain(value)
    const viaTool = await toolCall(h.mcp, 'list-job-secrets', { jobId: DEMO_IDS.qovery.jobId })
    expect(viaTool.text).toContain('CONFIG_FILE')
    expect(viaTool.text).not.toContain(value)
    expect(h.logs.join('')).not.toContain(value)
  })

  it('a relative mount_path is refused', async () => {
    const r = await restCall(h.baseUrl, {
      method: 'POST',
      path: base(),
      body: { key: 'REL', value: 'v', mount_path: 'etc/x' },
    })
    expect(r.status).toBe(400)
  })
})

describe('wrong upstream credentials', () => {
  let sandbox: Sandbox
  let engine: Engine
  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 })
    engine = await startEngine({
      paths: [SEEDS_DIR],
      cwd: ROOT,
      env: {
        QOVERY_API_KEY: 'not-a-valid-token',
        SCALEWAY_API_KEY: '11111111-2222-4333-8444-555555555555',
      },
      upstreams: new Map([['*', sandbox.url]]),
      restPort: 0,
      mcpPort: 0,
      logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
    })
  })
  afterAll(async () => {
    await engine?.close()
    await sandbox?.close()
  })

  it('Qovery answers 401 and Capstan passes it through', async () => {
    const r = await restCall(engine.host.listeners[0]!.url, {
      method: 'GET',
      path: `/v1/container/${sandbox.demoIds.qovery.containerId}/secret`,
    })
    expect(r.status).toBe(401)
    expect(r.headers['capstan-error-source']).toBe('upstream')
    expect(sandbox.calls.at(-1)!.status).toBe(401)
  })

  it('Scaleway answers 401 denied_authentication and Capstan passes it through', async () => {
    const r = await restCall(engine.host.listeners[0]!.url, {
      method: 'GET',
      path: '/v1/secret-manager/v1beta1/regions/fr-par/secrets',
      query: { project_id: sandbox.demoIds.scaleway.projectId, scheduled_for_deletion: false },
    })
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ type: 'denied_authentication' })
    expect(r.text).not.toContain('11111111-2222-4333-8444-555555555555')
  })
})
