import { afterEach, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { classifyInboundRequest, isInitializeRequest } from '@modelcontextprotocol/server'
import type { InvokeFn } from './invoke-fn.js'
import { isPlainInitializedNotification, legacyInitialize } from './session-hot-path.js'
import {
  expose,
  INIT_BODY,
  input,
  JSON_ACCEPT,
  mockPlan,
  mcpAdapterHosts,
  tool,
} from '../../../test/mcp-conformance/mcp-test-kit.js'

const exposes = [
  expose('ns', [tool('get-item', mockPlan([input('id', 'string', { required: true })]))], {
    description: 'Items, read only.',
  }),
]
const invoke: InvokeFn = (_plan, values) =>
  Promise.resolve({ kind: 'value', status: 200, value: { item: values }, headers: {} })

const hosts = mcpAdapterHosts(exposes, invoke)
afterEach(() => hosts.closeAll())

const start = (fastToolCalls: boolean, maxSessions = 100): Promise<string> =>
  hosts.start({ fastToolCalls, maxSessions })

const initialize = (params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  ...INIT_BODY,
  params: { ...INIT_BODY.params, ...params },
  ...extra,
})

interface Answer {
  status: number
  session: boolean
  length: string | null
  body: unknown
}

async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer & { id: string | null }> {
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })
  const text = await res.text()
  const id = res.headers.get('mcp-session-id')
  return {
    status: res.status,
    session: id !== null,
    id,
    length: res.headers.get('content-length'),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  }
}

const view = (a: Answer) => ({ status: a.status, session: a.session, body: a.body })

describe('legacyInitialize', () => {
  const accepted = [
    initialize(),
    initialize({}, { id: 'open-1' }),
    initialize({ clientInfo: { name: 'c', version: '2', title: 'C', websiteUrl: 'https://c' } }),
    initialize({
      capabilities: {
        roots: { listChanged: true },
        sampling: { tools: {} },
        elicitation: { form: { applyDefaults: true }, url: {} },
        experimental: { x: { on: 1 } },
        extensions: { 'io.example/ext': {} },
      },
    }),
    initialize({ capabilities: { elicitation: {} } }),
  ]
  const refused: [string, unknown][] = [
    ['another revision', initialize({ protocolVersion: '2025-06-18' })],
    ['a _meta', initialize({ _meta: { progressToken: 1 } })],
    ['a numeric clientInfo name', initialize({ clientInfo: { name: 1, version: '1' } })],
    ['no clientInfo version', initialize({ clientInfo: { name: 'c' } })],
    ['clientInfo icons', initialize({ clientInfo: { name: 'c', version: '1', icons: [] } })],
    ['a string roots.listChanged', initialize({ capabilities: { roots: { listChanged: 'y' } } })],
    ['the deprecated tasks capability', initialize({ capabilities: { tasks: {} } })],
    ['an unknown capability', initialize({ capabilities: { telepathy: {} } })],
    ['a null id', initialize({}, { id: null })],
    ['a fractional id', initialize({}, { id: 1.5 })],
    ['an extra member', initialize({}, { extra: 1 })],
    ['a batch', [initialize()]],
    ['a proto key', JSON.parse('{"__proto__":{},"jsonrpc":"2.0"}')],
  ]

  it('takes only what the SDK itself accepts and classifies as a legacy initialize', () => {
    for (const body of accepted) {
      expect(legacyInitialize(body)).toEqual({ id: body.id })
      expect(isInitializeRequest(body)).toBe(true)
      for (const header of [undefined, '2025-11-25']) {
        const route = classifyInboundRequest({
          httpMethod: 'POST',
          ...(header === undefined ? {} : { protocolVersionHeader: header }),
          body,
        })
        expect(route.kind).toBe('legacy')
      }
    }
  })

  it('leaves everything else to the SDK', () => {
    for (const [name, body] of refused)
      expect({ name, hot: legacyInitialize(body) }).toEqual({ name })
  })

  it('recognises a bare notifications/initialized and nothing more', () => {
    const note = { jsonrpc: '2.0', method: 'notifications/initialized' }
    expect(isPlainInitializedNotification(note)).toBe(true)
    expect(isPlainInitializedNotification({ ...note, params: {} })).toBe(true)
    expect(isPlainInitializedNotification({ ...note, params: { _meta: {} } })).toBe(false)
    expect(isPlainInitializedNotification({ ...note, id: 1 })).toBe(false)
    expect(isPlainInitializedNotification({ ...note, method: 'notifications/cancelled' })).toBe(
      false,
    )
  })
})

describe('the 2025-11-25 handshake hot path', () => {
  it('answers initialize exactly as the SDK does, and leaves every other one to it', async () => {
    const [fast, sdk] = await Promise.all([start(true), start(false)])
    const cases: [string, Record<string, string>, string, boolean][] = [
      ['a plain initialize', JSON_ACCEPT, JSON.stringify(initialize()), true],
      ['a string id', JSON_ACCEPT, JSON.stringify(initialize({}, { id: 'x' })), true],
      [
        'client capabilities',
        JSON_ACCEPT,
        JSON.stringify(
          initialize({ capabilities: { roots: { listChanged: true }, sampling: {} } }),
        ),
        true,
      ],
      [
        'the version header',
        { ...JSON_ACCEPT, 'mcp-protocol-version': '2025-11-25' },
        JSON.stringify(initialize()),
        true,
      ],
      [
        'an older revision',
        JSON_ACCEPT,
        JSON.stringify(initialize({ protocolVersion: '2025-06-18' })),
        false,
      ],
      [
        'an unknown revision',
        JSON_ACCEPT,
        JSON.stringify(initialize({ protocolVersion: '1999-01-01' })),
        false,
      ],
      [
        'a broken clientInfo',
        JSON_ACCEPT,
        JSON.stringify(initialize({ clientInfo: { name: 3 } })),
        false,
      ],
      [
        'JSON-only Accept',
        { ...JSON_ACCEPT, accept: 'application/json' },
        JSON.stringify(initialize()),
        false,
      ],
      [
        'a modern version header',
        { ...JSON_ACCEPT, 'mcp-protocol-version': '2026-07-28' },
        JSON.stringify(initialize()),
        false,
      ],
      ['a body that is not JSON', JSON_ACCEPT, '{"jsonrpc":', false],
      [
        'another method without a session',
        JSON_ACCEPT,
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        false,
      ],
    ]
    for (const [name, headers, body, hot] of cases) {
      const [a, b] = await Promise.all([
        send(fast, 'POST', headers, body),
        send(sdk, 'POST', headers, body),
      ])
      expect({ name, ...view(a) }).toEqual({ name, ...view(b) })
      // the hot path writes the answer in one piece; the SDK streams it
      if (hot)
        expect({ name, a: a.length, b: b.length }).toEqual({
          name,
          a: expect.stringMatching(/^\d+$/),
          b: null,
        })
    }
  })

  it('gives a session it opened the same life as one the SDK opened', async () => {
    const [fast, sdk] = await Promise.all([start(true), start(false)])
    const open = async (url: string) =>
      (await send(url, 'POST', JSON_ACCEPT, JSON.stringify(initialize()))).id!
    const ids = { [fast]: await open(fast), [sdk]: await open(sdk) }
    const on = (url: string, extra: Record<string, string> = {}) => ({
      ...JSON_ACCEPT,
      'mcp-protocol-version': '2025-11-25',
      'mcp-session-id': ids[url]!,
      ...extra,
    })
    const steps: [string, string, (url: string) => Record<string, string>, string | undefined][] = [
      ['initialized', 'POST', on, '{"jsonrpc":"2.0","method":"notifications/initialized"}'],
      ['tools/list', 'POST', on, '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'],
      ['ping', 'POST', on, '{"jsonrpc":"2.0","id":3,"method":"ping"}'],
      [
        'initialize again',
        'POST',
        (url) => on(url, { 'mcp-protocol-version': '' }),
        JSON.stringify(initialize()),
      ],
      [
        'a call',
        'POST',
        on,
        '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get-item","arguments":{"id":"q"}}}',
      ],
      ['close', 'DELETE', on, undefined],
      ['after close', 'POST', on, '{"jsonrpc":"2.0","id":5,"method":"tools/list"}'],
    ]
    for (const [name, method, headersFor, body] of steps) {
      const run = (url: string) => {
        const headers = headersFor(url)
        for (const key of Object.keys(headers)) if (headers[key] === '') delete headers[key]
        return send(url, method, headers, body)
      }
      const [a, b] = await Promise.all([run(fast), run(sdk)])
      expect({ name, ...view(a) }).toEqual({ name, ...view(b) })
    }
  })

  it('serves a session it opened to the official SDK client: calls, then what needs the SDK server', async () => {
    const url = await start(true)
    const client = new Client(
      { name: 't', version: '1' },
      { versionNegotiation: { mode: 'legacy' } },
    )
    await client.connect(new StreamableHTTPClientTransport(new URL(url)))
    const result = await client.callTool({ name: 'get-item', arguments: { id: 'x' } })
    expect(result.structuredContent).toEqual({ item: { id: 'x' } })
    // tools/list needs the SDK server: it is built with the handshake the client made
    const listed = await client.listTools()
    expect(listed.tools.map((t) => t.name)).toEqual(['get-item'])
    expect(client.getServerVersion()).toEqual({ name: 'ns', version: '1.0.0' })
    expect(client.getInstructions()).toBe('Items, read only.')
    await client.close()
  })

  it('refuses a new session with 503 when every slot is busy, as the SDK path does', async () => {
    const [fast, sdk] = await Promise.all([start(true, 0), start(false, 0)])
    const body = JSON.stringify(initialize())
    const [a, b] = await Promise.all([
      send(fast, 'POST', JSON_ACCEPT, body),
      send(sdk, 'POST', JSON_ACCEPT, body),
    ])
    expect(a.status).toBe(503)
    expect(view(a)).toEqual(view(b))
  })
})
