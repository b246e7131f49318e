/**
 * Issue 7: each seed's strict rewrite in examples/strict/ validates with --strict, needs no
 * compatibility rule, exposes the same routes and tools, and sends the same upstream requests.
 */
import { readFile } from 'node:fs/promises'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../src/cli/start-engine.js'
import { loadCapabilities } from '../src/model/load-capabilities.js'
import type { Capability, Input } from '../src/model/types.js'
import {
  startRecordingUpstream,
  type RecordedRequest,
  type RecordingUpstream,
} from './support/recording-upstream.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const FILES = [
  'qovery-container-secret.yaml',
  'qovery-job-secret.yaml',
  'qovery-organization-api-token.yaml',
  'scaleway-secret-manager-secrets.yaml',
]
const seedPath = (f: string) => `${ROOT}examples/seeds/${f}`
const strictPath = (f: string) => `${ROOT}examples/strict/${f}`
const ENV = { QOVERY_API_KEY: 'qovery-test-key', SCALEWAY_API_KEY: 'scaleway-test-key' }
/** Alpha2 exposed REST inputs have no `required`; these seed-required REST inputs become optional. */
const REST_REQUIRED_UNEXPRESSIBLE = new Set(['body', 'scheduled_for_deletion'])

interface Surface {
  readonly rest: Map<string, readonly Input[]>
  readonly tools: Map<string, readonly Input[]>
}

function surfaceOf(caps: readonly Capability[]): Surface {
  const rest = new Map<string, readonly Input[]>()
  const tools = new Map<string, readonly Input[]>()
  for (const cap of caps) {
    for (const ex of cap.exposes) {
      if (ex.type === 'rest')
        for (const op of ex.operations) rest.set(`${op.method} ${op.path}`, op.plan.inputs)
      if (ex.type === 'mcp') for (const t of ex.tools) tools.set(t.name, t.plan.inputs)
    }
  }
  return { rest, tools }
}

const names = (inputs: readonly Input[], required?: boolean) =>
  inputs
    .filter((i) => required === undefined || i.required === required)
    .map((i) => i.name)
    .sort()

/** Every difference between the seed's surface and the rewrite's, as readable lines. */
function surfaceDiff(seed: Surface, strict: Surface): string[] {
  const out: string[] = []
  const keys = (m: Map<string, unknown>) => [...m.keys()].sort()
  if (keys(seed.rest).join('\n') !== keys(strict.rest).join('\n'))
    out.push(`REST routes: ${keys(seed.rest).join(', ')} ≠ ${keys(strict.rest).join(', ')}`)
  if (keys(seed.tools).join('\n') !== keys(strict.tools).join('\n'))
    out.push(`MCP tools: ${keys(seed.tools).join(', ')} ≠ ${keys(strict.tools).join(', ')}`)
  for (const [route, inputs] of seed.rest) {
    const other = strict.rest.get(route)
    if (!other) continue
    if (names(inputs).join() !== names(other).join())
      out.push(`${route} inputs: ${names(inputs)} ≠ ${names(other)}`)
    const lost = names(inputs, true).filter((n) => !names(other, true).includes(n))
    const gained = names(other, true).filter((n) => !names(inputs, true).includes(n))
    if (gained.length > 0 || lost.some((n) => !REST_REQUIRED_UNEXPRESSIBLE.has(n)))
      out.push(`${route} required: ${names(inputs, true)} ≠ ${names(other, true)}`)
  }
  for (const [tool, inputs] of seed.tools) {
    const other = strict.tools.get(tool)
    if (!other) continue
    if (names(inputs).join() !== names(other).join())
      out.push(`${tool} inputs: ${names(inputs)} ≠ ${names(other)}`)
    if (names(inputs, true).join() !== names(other, true).join())
      out.push(`${tool} required: ${names(inputs, true)} ≠ ${names(other, true)}`)
    for (const i of inputs) {
      const o = other.find((x) => x.name === i.name)
      if (o && o.type !== i.type) out.push(`${tool} ${i.name}: type ${i.type} ≠ ${o.type}`)
    }
  }
  return out
}

describe.each(FILES)('strict rewrite of %s', (file) => {
  it('validates with the strict profile with no error and no compatibility rule', async () => {
    const r = await loadCapabilities([strictPath(file)], { cwd: ROOT, profile: 'strict' })
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(
      r.diagnostics.filter((d) => d.severity === 'info' || /^(RULE|COMPAT)_/.test(d.code)),
    ).toEqual([])
    expect(r.capabilities).toHaveLength(1)
  })

  it('exposes the seed routes and tools with the same inputs', async () => {
    const seed = await loadCapabilities([seedPath(file)], { cwd: ROOT })
    const strict = await loadCapabilities([strictPath(file)], { cwd: ROOT, profile: 'strict' })
    expect(surfaceOf(seed.capabilities).rest.size).toBeGreaterThan(0)
    expect(surfaceDiff(surfaceOf(seed.capabilities), surfaceOf(strict.capabilities))).toEqual([])
  })
})

it('the surface comparison notices a moved route and a tool input made required', async () => {
  const file = 'qovery-organization-api-token.yaml'
  const seed = surfaceOf((await loadCapabilities([seedPath(file)], { cwd: ROOT })).capabilities)
  // Moves the DELETE route and makes the tool's optional creatorName required.
  const broken = async (p: string) =>
    (await readFile(p, 'utf8'))
      .replace('/apitoken/{apitokenid}', '/apitokens/{apitokenid}')
      .replace(/(- name: creatorName\n {14}type: string\n[^\n]*\n) {14}required: false\n/, '$1')
  const strict = await loadCapabilities([strictPath(file)], { cwd: ROOT, readFile: broken })
  expect(strict.capabilities).toHaveLength(1)
  const diff = surfaceDiff(seed, surfaceOf(strict.capabilities))
  expect(diff.some((d) => d.startsWith('REST routes:'))).toBe(true)
  expect(diff.some((d) => d.startsWith('list-organization-api-tokens required:'))).toBe(true)
})

/** One sample value per input type; the same inputs go to the seed and to its rewrite. */
function sample(input: Input): unknown {
  switch (input.type) {
    case 'integer':
    case 'number':
      return 7
    case 'boolean':
      return true
    case 'array':
      return ['a', 'b']
    case 'object':
      return { name: 'API_KEY', value: 's3cret', nested: { n: 1, list: [true, null] } }
    default:
      return `v-${input.name}`
  }
}

interface Side {
  readonly engine: Engine
  readonly url: string
  readonly mcp: Client
}

async function startSide(paths: readonly string[], upstream: RecordingUpstream): Promise<Side> {
  const logDestination = new Writable({ write: (_c, _e, cb) => cb() })
  const engine = await startEngine({
    paths,
    cwd: ROOT,
    env: ENV,
    upstreams: new Map([['*', upstream.url]]),
    restPort: 0,
    mcpPort: 0,
    logDestination,
  })
  const url = engine.host.listeners[0]!.url
  const mcp = new Client({ name: 'strict-rewrites', version: '1.0.0' })
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))
  return { engine, url, mcp }
}

/** What the upstream sees, minus transport details (host, content-length, connection). */
function normalize(r: RecordedRequest) {
  return {
    method: r.method,
    path: r.path,
    query: r.query,
    body: r.body === '' ? undefined : (JSON.parse(r.body) as unknown),
    contentType: r.headers['content-type'],
    authorization: r.headers['authorization'],
    xAuthToken: r.headers['x-auth-token'],
  }
}

describe('the seeds and their strict rewrites send the same upstream requests', () => {
  let upstream: RecordingUpstream
  let seed: Side
  let strict: Side
  beforeAll(async () => {
    upstream = await startRecordingUpstream(() => ({ status: 200, body: { ok: true } }))
    seed = await startSide(FILES.map(seedPath), upstream)
    strict = await startSide(FILES.map(strictPath), upstream)
  })
  afterAll(async () => {
    for (const side of [seed, strict]) {
      await side?.mcp.close()
      await side?.engine.close()
    }
    await upstream?.close()
  })

  /** Runs `send` and returns the one upstream request it caused. */
  async function recorded(send: () => Promise<void>): Promise<ReturnType<typeof normalize>> {
    const before = upstream.requests.length
    await send()
    expect(upstream.requests.length - before).toBe(1)
    return normalize(upstream.requests[upstream.requests.length - 1]!)
  }

  it('for every REST operation', async () => {
    const routes = surfaceOf(seed.engine.capabilities).rest
    expect(routes.size).toBe(25)
    for (const [route, inputs] of routes) {
      const [method, template] = route.split(' ') as [string, string]
      let path = template
      const query = new URLSearchParams()
      let body: string | undefined
      for (const input of inputs) {
        const value = sample(input)
        if (input.location === 'path')
          path = path.replace(`{${input.name}}`, encodeURIComponent(String(value)))
        else if (input.location === 'query')
          for (const v of [value].flat()) query.append(input.name, String(v))
        else if (input.location === 'body') body = JSON.stringify(value)
      }
      const target = `${path}${query.size > 0 ? `?${query}` : ''}`
      const send = (side: Side) => async () => {
        const res = await fetch(`${side.url}${target}`, {
          method,
          ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
        })
        expect(res.status, `${side === seed ? 'seed' : 'strict'} ${method} ${target}`).toBe(200)
        await res.arrayBuffer()
      }
      const fromSeed = await recorded(send(seed))
      const fromStrict = await recorded(send(strict))
      expect(fromSeed.authorization ?? fromSeed.xAuthToken, route).toBeDefined()
      expect(fromStrict, route).toEqual(fromSeed)
    }
  })

  it('for every MCP tool', async () => {
    const tools = surfaceOf(seed.engine.capabilities).tools
    expect(tools.size).toBe(25)
    const listed = new Set((await strict.mcp.listTools()).tools.map((t) => t.name))
    for (const [name, inputs] of tools) {
      expect(listed.has(name), name).toBe(true)
      const args = Object.fromEntries(inputs.map((i) => [i.name, sample(i)]))
      const call = (side: Side) => async () => {
        const result = await side.mcp.callTool({ name, arguments: args })
        expect(
          result.isError,
          `${side === seed ? 'seed' : 'strict'} ${name}: ${JSON.stringify(result.content)}`,
        ).toBeFalsy()
      }
      const fromSeed = await recorded(call(seed))
      const fromStrict = await recorded(call(strict))
      expect(fromSeed.authorization ?? fromSeed.xAuthToken, name).toBeDefined()
      expect(fromStrict, name).toEqual(fromSeed)
    }
  })
})
