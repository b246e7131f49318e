/** Orchestrated operations (`steps` + `mappings`): call and lookup steps against a real upstream. */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/cli/start-engine.js'
import { startTestServer, type TestServer } from '../../src/runtime/transport/test-server.js'
import { collectLogs } from '../support/collect-logs.js'
import { engineFor } from '../support/engine-for.js'

const CAP = `naftiko: 1.0.0-alpha2
info: {label: Orchestration, description: steps over a container API}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://placeholder.invalid
      resources:
        - name: containers
          path: /containers
          operations:
            - name: list-containers
              method: GET
        - name: broken
          path: /broken
          operations:
            - name: broken
              method: GET
        - name: secrets
          path: /containers/{{containerId}}/secrets
          operations:
            - name: list-secrets
              method: GET
            - name: create-secret
              method: POST
              inputParameters:
                - {name: secret_key, in: body, type: string}
              body: '{"key": "{{secret_key}}", "source": "steps"}'
  exposes:
    - type: mcp
      namespace: tools
      port: 9091
      tools:
        - name: container-secrets
          description: Secrets of the container with this name.
          inputParameters:
            - {name: name, type: string, description: Container name.}
          steps:
            - {type: call, name: all, call: up.list-containers}
            - {type: lookup, name: found, index: all, match: name, lookupValue: '{{name}}', outputParameters: [id]}
            - {type: call, name: secrets, call: up.list-secrets, with: {containerId: '{{found.id}}'}}
          mappings:
            - {targetName: container, value: $.found.id}
            - {targetName: secrets, value: $.secrets}
    - type: rest
      namespace: api
      port: 8081
      resources:
        - path: /by-name/{name}/secrets
          operations:
            - method: GET
              name: secrets-by-name
              inputParameters:
                - {name: name, in: path, type: string}
              steps:
                - {type: call, name: all, call: up.list-containers}
                - {type: lookup, name: found, index: all, match: name, lookupValue: '{{name}}', outputParameters: [id]}
                - {type: call, name: secrets, call: up.list-secrets, with: {containerId: '{{found.id}}'}}
              mappings:
                - {targetName: container, value: $.found.id}
                - {targetName: secrets, value: $.secrets}
            - method: POST
              name: create-by-name
              inputParameters:
                - {name: name, in: path, type: string}
                - {name: secret-key, in: query, type: string}
              steps:
                - {type: call, name: all, call: up.list-containers}
                - {type: lookup, name: found, index: all, match: name, lookupValue: '{{name}}', outputParameters: [id]}
                - {type: call, name: created, call: up.create-secret, with: {containerId: '{{found.id}}'}}
              mappings:
                - {targetName: created, value: $.created}
        - path: /by-name/{name}/first-key
          operations:
            - method: GET
              name: first-key
              inputParameters:
                - {name: name, in: path, type: string}
              steps:
                - {type: call, name: all, call: up.list-containers}
                - {type: lookup, name: found, index: all, match: name, lookupValue: '{{name}}', outputParameters: [id]}
                - {type: call, name: secrets, call: up.list-secrets, with: {containerId: '{{found.id}}'}}
              outputParameters:
                - {name: first, type: string, mapping: '$[0].key'}
        - path: /broken-first
          operations:
            - method: GET
              name: broken-first
              steps:
                - {type: call, name: first, call: up.broken}
                - {type: call, name: all, call: up.list-containers}
              mappings:
                - {targetName: all, value: $.all}
`

interface Seen {
  method: string
  url: string
  body: string
}

let upstream: TestServer
let engine: Engine
let base = ''
let mcp: Client
const seen: Seen[] = []

beforeAll(async () => {
  upstream = await startTestServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += String(c)))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body })
      res.setHeader('content-type', 'application/json')
      if (req.url === '/containers')
        return void res.end(
          JSON.stringify([
            { id: 'c-1', name: 'api' },
            { id: 'c-2', name: 'web' },
          ]),
        )
      const m = /^\/containers\/([^/]+)\/secrets$/.exec(req.url ?? '')
      if (m && req.method === 'GET') return void res.end(JSON.stringify([{ key: `K-${m[1]}` }]))
      if (m && req.method === 'POST') {
        res.statusCode = 201
        return void res.end(JSON.stringify({ id: 's-9', container: m[1], sent: JSON.parse(body) }))
      }
      res.statusCode = req.url === '/broken' ? 500 : 404
      res.end('{"error":"boom"}')
    })
  })
  engine = await engineFor(CAP, {
    env: {},
    upstreams: new Map([['*', upstream.origin]]),
    restPort: 0,
    mcpPort: 0,
    logDestination: collectLogs().stream,
  })
  const rest = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'rest'))!
  const tools = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'mcp'))!
  base = rest.url
  mcp = new Client({ name: 'orchestration-test', version: '1.0.0' })
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${tools.url}/mcp`)))
})

afterAll(async () => {
  await mcp?.close()
  await engine?.close()
  await upstream?.close()
})

describe('orchestrated operations', () => {
  it('loads with no error', () => {
    expect(engine.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('calls, looks up and calls again with the looked-up value, then maps the outputs', async () => {
    seen.length = 0
    const res = await fetch(`${base}/by-name/web/secrets`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ container: 'c-2', secrets: [{ key: 'K-c-2' }] })
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /containers',
      'GET /containers/c-2/secrets',
    ])
  })

  it('answers with the last call shaped by outputParameters when there are no mappings', async () => {
    const res = await fetch(`${base}/by-name/api/first-key`)
    expect(res.status).toBe(200)
    // as for a single call, a REST answer is the first output parameter's value
    expect(await res.json()).toBe('K-c-1')
  })

  it('runs the same steps for an MCP tool called through the official client', async () => {
    seen.length = 0
    const result = await mcp.callTool({ name: 'container-secrets', arguments: { name: 'web' } })
    expect(result.isError).toBeFalsy()
    expect(result.structuredContent).toEqual({ container: 'c-2', secrets: [{ key: 'K-c-2' }] })
    expect(seen.map((s) => s.url)).toEqual(['/containers', '/containers/c-2/secrets'])
  })

  it('feeds a body template in a step from an input whose name differs only in punctuation', async () => {
    seen.length = 0
    const res = await fetch(`${base}/by-name/api/secrets?secret-key=DB_URL`, { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      created: { id: 's-9', container: 'c-1', sent: { key: 'DB_URL', source: 'steps' } },
    })
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ key: 'DB_URL', source: 'steps' })
  })

  it('answers 404 naming the lookup when it finds nothing a later step needs, without calling that step', async () => {
    seen.length = 0
    const res = await fetch(`${base}/by-name/nobody/secrets`)
    expect(res.status).toBe(404)
    const problem = (await res.json()) as { code: string; detail: string }
    expect(problem.code).toBe('NOT_FOUND')
    expect(problem.detail).toBe(
      'Lookup step "found" found no entry of "all" whose name is "nobody"; step "secrets" needs it.',
    )
    expect(seen.map((s) => s.url)).toEqual(['/containers'])
  })

  it('ends with the upstream error when a step fails, without running the steps after it', async () => {
    seen.length = 0
    const res = await fetch(`${base}/broken-first`)
    // relayed as for a single call: the upstream's status and body, marked as the upstream's
    expect(res.status).toBe(500)
    expect(res.headers.get('capstan-error-source')).toBe('upstream')
    expect(await res.json()).toEqual({ error: 'boom' })
    expect(seen.map((s) => s.url)).toEqual(['/broken'])
  })
})
