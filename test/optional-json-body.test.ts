/**
 * A consumed `body: {type: json, data: '{{body}}'}` called without `body` sends no request body
 * upstream (as the seed's `in: body` form does), on REST and on MCP.
 */
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../src/cli/start-engine.js'
import {
  startRecordingUpstream,
  type RecordedRequest,
  type RecordingUpstream,
} from './support/recording-upstream.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

describe('an omitted optional JSON body (examples/strict container secret)', () => {
  let upstream: RecordingUpstream
  let engine: Engine
  let url: string
  let mcp: Client
  beforeAll(async () => {
    upstream = await startRecordingUpstream(() => ({ status: 200, body: { ok: true } }))
    engine = await startEngine({
      paths: [`${ROOT}examples/strict/qovery-container-secret.yaml`],
      cwd: ROOT,
      env: { QOVERY_API_KEY: 'qovery-test-key' },
      upstreams: new Map([['*', upstream.url]]),
      restPort: 0,
      mcpPort: 0,
      logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
    })
    url = engine.host.listeners[0]!.url
    mcp = new Client({ name: 'optional-json-body', version: '1.0.0' })
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))
  })
  afterAll(async () => {
    await mcp?.close()
    await engine?.close()
    await upstream?.close()
  })

  /** Runs `send` and returns the one upstream request it caused. */
  async function recorded(send: () => Promise<void>): Promise<RecordedRequest> {
    const before = upstream.requests.length
    await send()
    expect(upstream.requests.length - before).toBe(1)
    return upstream.requests[upstream.requests.length - 1]!
  }

  const post = (body?: string) => async () => {
    const res = await fetch(`${url}/v1/container/c1/secret`, {
      method: 'POST',
      ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
  }

  const tool = (args: Record<string, unknown>) => async () => {
    const result = await mcp.callTool({ name: 'add-secret-container', arguments: args })
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy()
  }

  it('REST POST without a payload sends no body and no content type', async () => {
    const r = await recorded(post())
    expect(r.method).toBe('POST')
    expect(r.path).toBe('/container/c1/secret')
    expect(r.body).toBe('')
    expect(r.headers['content-type']).toBeUndefined()
    expect(r.headers['authorization']).toBeDefined()
  })

  it('REST POST with a payload still sends it as JSON', async () => {
    const r = await recorded(post('{"key":"API_KEY","value":"s3cret"}'))
    expect(JSON.parse(r.body)).toEqual({ key: 'API_KEY', value: 's3cret' })
    expect(r.headers['content-type']).toBe('application/json')
  })

  it('the MCP tool without `body` sends no body and no content type', async () => {
    const r = await recorded(tool({ containerId: 'c1' }))
    expect(r.path).toBe('/container/c1/secret')
    expect(r.body).toBe('')
    expect(r.headers['content-type']).toBeUndefined()
  })

  it('the MCP tool with `body` still sends it as JSON', async () => {
    const r = await recorded(tool({ containerId: 'c1', body: { key: 'K', value: 'v' } }))
    expect(JSON.parse(r.body)).toEqual({ key: 'K', value: 'v' })
    expect(r.headers['content-type']).toBe('application/json')
  })
})
