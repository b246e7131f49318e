import { afterEach, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { UpstreamError } from '../../errors.js'
import type { InvokeResult } from '../../runtime/types.js'
import type { Plan } from '../../model/types.js'
import type { InvokeFn } from './invoke-fn.js'
import { legacyToolCall, modernToolCall } from './tool-call-hot-path.js'
import { buildToolTable } from './tool-table.js'
import {
  expose,
  INIT_BODY,
  initializeSession,
  input,
  JSON_ACCEPT,
  mockPlan,
  mcpAdapterHosts,
  tool,
} from '../../../test/mcp-conformance/mcp-test-kit.js'

const getPlan = mockPlan([input('id', 'string', { required: true, location: 'path' })])
const exposes = [
  expose('ns', [tool('get-item', getPlan), tool('fail', mockPlan([])), tool('hang', mockPlan([]))]),
]

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'test', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
}
const HEADERS = {
  ...JSON_ACCEPT,
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'get-item',
}
const call = (params: Record<string, unknown>, extra: Record<string, unknown> = {}): object => ({
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name: 'get-item', arguments: { id: 'a1' }, _meta: META, ...params },
  ...extra,
})

const signals: AbortSignal[] = []
const invoke: InvokeFn = (plan: Plan, values, _deps, options): Promise<InvokeResult> => {
  if (options?.signal) signals.push(options.signal)
  if (plan === exposes[0]!.tools[1]!.plan)
    return Promise.reject(
      new UpstreamError(503, 'get', new TextEncoder().encode('down'), 'text/plain'),
    )
  if (plan === exposes[0]!.tools[2]!.plan)
    return new Promise((_, reject) =>
      options?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
    )
  return Promise.resolve({ kind: 'value', status: 200, value: { item: values }, headers: {} })
}

const hosts = mcpAdapterHosts(exposes, invoke)
afterEach(() => hosts.closeAll())

const start = (fastToolCalls: boolean): Promise<string> => hosts.start({ fastToolCalls })

async function post(url: string, headers: Record<string, string>, body: string) {
  const res = await fetch(url, { method: 'POST', headers, body })
  const text = await res.text()
  return {
    status: res.status,
    length: res.headers.get('content-length'),
    type: res.headers.get('content-type'),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  }
}

describe('2026-07-28 tools/call hot path', () => {
  it('answers exactly as the SDK does, and leaves every other request to the SDK', async () => {
    const [fast, sdk] = await Promise.all([start(true), start(false)])
    const cases: [string, Record<string, string>, string, boolean][] = [
      ['a value', HEADERS, JSON.stringify(call({})), true],
      ['a string id', HEADERS, JSON.stringify(call({}, { id: 'req-1' })), true],
      ['no arguments', HEADERS, JSON.stringify(call({ arguments: undefined })), true],
      ['a missing argument', HEADERS, JSON.stringify(call({ arguments: {} })), true],
      [
        'an upstream failure',
        { ...HEADERS, 'mcp-name': 'fail' },
        JSON.stringify(call({ name: 'fail', arguments: {} })),
        true,
      ],
      [
        'an unknown tool',
        { ...HEADERS, 'mcp-name': 'nope' },
        JSON.stringify(call({ name: 'nope' })),
        false,
      ],
      [
        'a mismatched Mcp-Name',
        { ...HEADERS, 'mcp-name': 'fail' },
        JSON.stringify(call({})),
        false,
      ],
      [
        'a mismatched Mcp-Method',
        { ...HEADERS, 'mcp-method': 'tools/list' },
        JSON.stringify(call({})),
        false,
      ],
      [
        'a version the envelope does not name',
        HEADERS,
        JSON.stringify(
          call({ _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': '2025-11-25' } }),
        ),
        false,
      ],
      [
        'a broken clientInfo',
        HEADERS,
        JSON.stringify(call({ _meta: { ...META, 'io.modelcontextprotocol/clientInfo': 5 } })),
        false,
      ],
      [
        'a missing envelope key',
        HEADERS,
        JSON.stringify(
          call({ _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } }),
        ),
        false,
      ],
      [
        'a progress token',
        HEADERS,
        JSON.stringify(call({ _meta: { ...META, progressToken: 3 } })),
        false,
      ],
      ['arguments as an array', HEADERS, JSON.stringify(call({ arguments: [] })), false],
      ['a null id', HEADERS, JSON.stringify(call({}, { id: null })), false],
      ['an extra member', HEADERS, JSON.stringify(call({}, { extra: 1 })), false],
      ['a body that is not JSON', HEADERS, '{"jsonrpc":', false],
    ]
    for (const [name, headers, body, hot] of cases) {
      const [a, b] = await Promise.all([post(fast, headers, body), post(sdk, headers, body)])
      expect({ name, status: a.status, body: a.body }).toEqual({
        name,
        status: b.status,
        body: b.body,
      })
      expect({ name, type: a.type }).toEqual({ name, type: 'application/json' })
      // the hot path writes the response in one piece; the SDK streams it
      if (hot)
        expect({ name, length: a.length }).toEqual({ name, length: expect.stringMatching(/^\d+$/) })
      if (hot) expect({ name, length: b.length }).toEqual({ name, length: null })
    }
  })

  for (const mode of ['auto', 'legacy'] as const) {
    it(`is what the official SDK client takes (${mode === 'auto' ? '2026-07-28' : '2025-11-25'})`, async () => {
      const url = await start(true)
      const lengths: (string | null)[] = []
      const spy: typeof fetch = async (input, init) => {
        const res = await fetch(input, init)
        if (typeof init?.body === 'string' && init.body.includes('"method":"tools/call"'))
          lengths.push(res.headers.get('content-length'))
        return res
      }
      const client = new Client({ name: 't', version: '1' }, { versionNegotiation: { mode } })
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { fetch: spy }))
      const result = await client.callTool({ name: 'get-item', arguments: { id: 'x' } })
      expect(result.structuredContent).toEqual({ item: { id: 'x' } })
      expect(lengths).toEqual([expect.stringMatching(/^\d+$/)])
      await client.close()
    })
  }

  it('cancels the upstream call when the client goes away', async () => {
    const url = await start(true)
    signals.length = 0
    const controller = new AbortController()
    const pending = fetch(url, {
      method: 'POST',
      headers: { ...HEADERS, 'mcp-name': 'hang' },
      body: JSON.stringify(call({ name: 'hang', arguments: {} })),
      signal: controller.signal,
    }).catch(() => undefined)
    await expect.poll(() => signals.length).toBe(1)
    controller.abort()
    await pending
    await expect.poll(() => signals[0]!.aborted).toBe(true)
  })
})

describe('2025-11-25 tools/call hot path', () => {
  const LEGACY = { ...JSON_ACCEPT, 'mcp-protocol-version': '2025-11-25' }
  const legacyCall = (params: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/call',
      params: { name: 'get-item', arguments: { id: 'a1' }, ...params },
      ...extra,
    })

  async function session(url: string): Promise<string> {
    const id = await initializeSession(url)
    const headers = { ...LEGACY, 'mcp-session-id': id }
    await post(url, headers, '{"jsonrpc":"2.0","method":"notifications/initialized"}')
    return id
  }

  it('answers on the session exactly as the SDK does, and leaves every other request to it', async () => {
    const [fast, sdk] = await Promise.all([start(true), start(false)])
    const ids = { [fast]: await session(fast), [sdk]: await session(sdk) }
    const cases: [string, Record<string, string>, string, boolean][] = [
      ['a value', {}, legacyCall({}), true],
      ['a string id', {}, legacyCall({}, { id: 'r' }), true],
      ['a missing argument', {}, legacyCall({ arguments: {} }), true],
      ['an upstream failure', {}, legacyCall({ name: 'fail', arguments: {} }), true],
      ['an unknown tool', {}, legacyCall({ name: 'nope' }), false],
      ['a progress token', {}, legacyCall({ _meta: { progressToken: 1 } }), false],
      ['no version header', { 'mcp-protocol-version': '' }, legacyCall({}), false],
      ['JSON-only Accept', { accept: 'application/json' }, legacyCall({}), false],
      ['an unknown session', { 'mcp-session-id': 'f00' }, legacyCall({}), false],
      ['a body that is not JSON', {}, '{"jsonrpc":', false],
    ]
    for (const [name, extra, body, hot] of cases) {
      const send = async (url: string) => {
        const headers: Record<string, string> = { ...LEGACY, 'mcp-session-id': ids[url]!, ...extra }
        for (const key of Object.keys(headers)) if (headers[key] === '') delete headers[key]
        const res = await fetch(url, { method: 'POST', headers, body })
        const text = await res.text()
        return {
          status: res.status,
          session: res.headers.get('mcp-session-id') === ids[url],
          length: res.headers.get('content-length'),
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        }
      }
      const [a, b] = await Promise.all([send(fast), send(sdk)])
      expect({ name, status: a.status, body: a.body, session: a.session }).toEqual({
        name,
        status: b.status,
        body: b.body,
        session: b.session,
      })
      if (hot) {
        expect({ name, a: a.length, b: b.length }).toEqual({
          name,
          a: expect.stringMatching(/^\d+$/),
          b: null,
        })
      }
    }
  })

  it('leaves a session opened with another revision to the SDK', async () => {
    const url = await start(true)
    const init = await fetch(url, {
      method: 'POST',
      headers: JSON_ACCEPT,
      body: JSON.stringify({
        ...INIT_BODY,
        params: { ...INIT_BODY.params, protocolVersion: '2025-06-18' },
      }),
    })
    await init.text()
    const id = init.headers.get('mcp-session-id')!
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...LEGACY, 'mcp-session-id': id },
      body: legacyCall({}),
    })
    expect(res.headers.get('content-length')).toBeNull()
    expect(
      ((await res.json()) as { result: { structuredContent: unknown } }).result.structuredContent,
    ).toEqual({ item: { id: 'a1' } })
  })
})

describe('modernToolCall', () => {
  const tools = buildToolTable(exposes, () => () => undefined).byName
  const headers = { 'mcp-name': 'get-item' }

  it('takes a well-formed call and names the tool, id and arguments', () => {
    const found = modernToolCall(call({}), headers, tools)
    expect(found?.id).toBe(7)
    expect(found?.entry.tool.name).toBe('get-item')
    expect(found?.args).toEqual({ id: 'a1' })
  })

  it('refuses what it is not sure the SDK would serve as it stands', () => {
    expect(modernToolCall(call({}, { id: 1.5 }), headers, tools)).toBeUndefined()
    expect(modernToolCall(call({}, { jsonrpc: '1.0' }), headers, tools)).toBeUndefined()
    expect(modernToolCall(call({ task: {} }), headers, tools)).toBeUndefined()
    expect(
      modernToolCall(call({ name: '=?base64?Z2V0?=' }), { 'mcp-name': '=?base64?Z2V0?=' }, tools),
    ).toBeUndefined()
    expect(
      modernToolCall(JSON.parse('{"__proto__":{},"jsonrpc":"2.0"}'), headers, tools),
    ).toBeUndefined()
    expect(modernToolCall([call({})], headers, tools)).toBeUndefined()
  })
})

describe('legacyToolCall', () => {
  const tools = buildToolTable(exposes, () => () => undefined).byName
  const body = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get-item' } }

  it('takes a plain call on a known tool and nothing more', () => {
    expect(legacyToolCall(body, tools)?.entry.tool.name).toBe('get-item')
    expect(legacyToolCall({ ...body, params: { name: 'nope' } }, tools)).toBeUndefined()
    expect(
      legacyToolCall({ ...body, params: { name: 'get-item', _meta: {} } }, tools),
    ).toBeUndefined()
    expect(legacyToolCall({ ...body, id: null }, tools)).toBeUndefined()
    expect(legacyToolCall({ ...body, method: 'tools/list' }, tools)).toBeUndefined()
  })
})
