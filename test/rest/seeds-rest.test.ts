/**
 * Issue 4 must-show: every REST operation of every seed through the engine against a recording
 * loopback upstream, asserting the exact upstream request and the response the client gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import { collectLogs } from '../support/collect-logs.js'
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.js'

const SEEDS = [
  'qovery-container-secret',
  'qovery-job-secret',
  'qovery-organization-api-token',
  'scaleway-secret-manager-secrets',
].map((s) => `examples/seeds/${s}.yaml`)
const ENV = { QOVERY_API_KEY: 'test-qovery-key-123', SCALEWAY_API_KEY: 'test-scw-key-456' }

let upstream: RecordingUpstream
let engine: Engine
let base: string

beforeAll(async () => {
  upstream = await startRecordingUpstream((req) => ({
    status: req.method === 'POST' ? 201 : 200,
    body: { echoed: req.path },
  }))
  engine = await startEngine({
    paths: SEEDS,
    cwd: process.cwd(),
    env: ENV,
    upstreams: new Map([['*', upstream.url]]),
    restPort: 0,
    mcpPort: 0,
    logDestination: collectLogs().stream,
  })
  base = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'rest'))!.url
})

afterAll(async () => {
  await engine?.close()
  await upstream?.close()
})

interface Case {
  readonly method: string
  readonly path: string
  readonly body?: unknown
  readonly expectPath: string
  readonly expectQuery?: string
  readonly auth: 'qovery' | 'scaleway'
}

const CID = 'c-123'
const SID = 's-456'
const cases: Case[] = [
  ...(['container', 'job'] as const).flatMap((kind) => [
    {
      method: 'GET',
      path: `/v1/${kind}/${CID}/secret`,
      expectPath: `/${kind}/${CID}/secret`,
      auth: 'qovery' as const,
    },
    {
      method: 'POST',
      path: `/v1/${kind}/${CID}/secret`,
      body: { key: 'K', value: 'v' },
      expectPath: `/${kind}/${CID}/secret`,
      auth: 'qovery' as const,
    },
    {
      method: 'DELETE',
      path: `/v1/${kind}/${CID}/secret/${SID}`,
      expectPath: `/${kind}/${CID}/secret/${SID}`,
      auth: 'qovery' as const,
    },
    {
      method: 'PUT',
      path: `/v1/${kind}/${CID}/secret/${SID}`,
      body: { key: 'K', value: 'v2' },
      expectPath: `/${kind}/${CID}/secret/${SID}`,
      auth: 'qovery' as const,
    },
    {
      method: 'POST',
      path: `/v1/${kind}/${CID}/secret/${SID}/alias`,
      body: { key: 'ALIAS_K' },
      expectPath: `/${kind}/${CID}/secret/${SID}/alias`,
      auth: 'qovery' as const,
    },
    {
      method: 'POST',
      path: `/v1/${kind}/${CID}/secret/${SID}/override`,
      body: { value: 'o' },
      expectPath: `/${kind}/${CID}/secret/${SID}/override`,
      auth: 'qovery' as const,
    },
  ]),
  {
    method: 'GET',
    path: '/v1/organization/o-1/apitoken?name=ci&creatorName=Ann',
    expectPath: '/organization/o-1/apiToken',
    expectQuery: '?name=ci&creatorName=Ann',
    auth: 'qovery',
  },
  {
    method: 'POST',
    path: '/v1/organization/o-1/apitoken',
    body: { name: 'ci', scope: 'ADMIN' },
    expectPath: '/organization/o-1/apiToken',
    auth: 'qovery',
  },
  {
    method: 'DELETE',
    path: '/v1/organization/o-1/apitoken/t-9',
    expectPath: '/organization/o-1/apiToken/t-9',
    auth: 'qovery',
  },
  {
    method: 'GET',
    path: '/v1/secret-manager/v1beta1/regions/fr-par/secrets?scheduled_for_deletion=false&page_size=2&tags=a&tags=b&ephemeral=true',
    expectPath: '/secret-manager/v1beta1/regions/fr-par/secrets',
    expectQuery: '?page_size=2&tags=a&tags=b&ephemeral=true&scheduled_for_deletion=false',
    auth: 'scaleway',
  },
  {
    method: 'POST',
    path: '/v1/secret-manager/v1beta1/regions/fr-par/secrets',
    body: { name: 'db', project_id: 'p' },
    expectPath: '/secret-manager/v1beta1/regions/fr-par/secrets',
    auth: 'scaleway',
  },
  {
    method: 'GET',
    path: '/v1/secret-manager/v1beta1/regions/fr-par/secrets/x-1',
    expectPath: '/secret-manager/v1beta1/regions/fr-par/secrets/x-1',
    auth: 'scaleway',
  },
  {
    method: 'PATCH',
    path: '/v1/secret-manager/v1beta1/regions/fr-par/secrets/x-1',
    body: { name: 'db2' },
    expectPath: '/secret-manager/v1beta1/regions/fr-par/secrets/x-1',
    auth: 'scaleway',
  },
  {
    method: 'DELETE',
    path: '/v1/secret-manager/v1beta1/regions/fr-par/secrets/x-1',
    expectPath: '/secret-manager/v1beta1/regions/fr-par/secrets/x-1',
    auth: 'scaleway',
  },
  ...['add-owner', 'protect', 'unprotect', 'restore'].map((action) => ({
    method: 'POST',
    path: `/v1/secret-manager/v1beta1/regions/fr-par/secrets/x-1/${action}`,
    body: action === 'add-owner' ? { product: 'edge_services' } : {},
    expectPath: `/secret-manager/v1beta1/regions/fr-par/secrets/x-1/${action}`,
    auth: 'scaleway' as const,
  })),
  {
    method: 'POST',
    path: '/v1/secret-manager/v1beta1/regions/fr-par/secrets/x-1/versions/3/restore',
    body: {},
    expectPath: '/secret-manager/v1beta1/regions/fr-par/secrets/x-1/versions/3/restore',
    auth: 'scaleway',
  },
]

describe('every seed REST operation reaches the upstream exactly', () => {
  it('covers all 25 REST operations of the four seeds', () => {
    const routes = engine.capabilities.flatMap((c) =>
      c.exposes.flatMap((e) => (e.type === 'rest' ? e.operations : [])),
    )
    expect(routes).toHaveLength(25)
    expect(cases).toHaveLength(25)
  })

  for (const c of cases) {
    it(`${c.method} ${c.path}`, async () => {
      upstream.requests.length = 0
      const res = await fetch(base + c.path, {
        method: c.method,
        ...(c.body === undefined
          ? {}
          : {
              body: JSON.stringify(c.body),
              headers: {
                'content-type': 'application/json',
                authorization: 'Bearer client-token',
                cookie: 'sid=1',
              },
            }),
      })
      expect(res.status).toBe(c.method === 'POST' ? 201 : 200)
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      expect(await res.json()).toEqual({ echoed: c.expectPath })
      expect(upstream.requests).toHaveLength(1)
      const got = upstream.requests[0]!
      expect(got.method).toBe(c.method)
      expect(got.path).toBe(c.expectPath)
      expect(got.query).toBe(c.expectQuery ?? '')
      if (c.auth === 'qovery') {
        expect(got.headers.authorization).toBe(`Bearer ${ENV.QOVERY_API_KEY}`)
        expect(got.headers['x-auth-token']).toBeUndefined()
      } else {
        expect(got.headers['x-auth-token']).toBe(ENV.SCALEWAY_API_KEY)
        expect(got.headers.authorization).toBeUndefined()
      }
      expect(got.headers.cookie).toBeUndefined()
      expect(got.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)
      if (c.body === undefined) expect(got.body).toBe('')
      else {
        expect(got.headers['content-type']).toBe('application/json')
        expect(JSON.parse(got.body)).toEqual(c.body)
      }
    })
  }
})
