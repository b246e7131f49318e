/**
 * Shared helpers for the golden cases and the flows: one engine over the four seeds with the
 * sandbox, an MCP client, placeholder substitution and subset matching.
 */
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { startEngine, type Engine, type SandboxCall } from '../../src/cli/start-engine.js'
import { SEED_IDS } from '../../sandbox/demo-ids.js'
import {
  QOVERY_SEED_ROLE_IDS,
  QOVERY_SEED_SECRET_IDS,
  QOVERY_SEED_TOKEN_IDS,
} from '../../sandbox/qovery/seed.js'
import { SCALEWAY_SEED_SECRET_IDS } from '../../sandbox/scaleway/seed.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const SEEDS_DIR = `${ROOT}examples/seeds`

export interface Harness {
  readonly engine: Engine
  readonly baseUrl: string
  readonly mcp: Client
  readonly logs: string[]
  close(): Promise<void>
}

/** Starts one engine over `paths` with the sandbox, on one ephemeral port, plus an MCP client. */
export async function startHarness(
  paths: readonly string[] = [SEEDS_DIR],
  env: Record<string, string | undefined> = {},
): Promise<Harness> {
  const logs: string[] = []
  const logDestination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString())
      cb()
    },
  })
  const engine = await startEngine({
    paths,
    cwd: ROOT,
    env,
    sandbox: true,
    restPort: 0,
    mcpPort: 0,
    logDestination,
  })
  const baseUrl = engine.host.listeners[0]!.url
  const mcp = new Client({ name: 'capstan-golden', version: '1.0.0' })
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`)))
  return {
    engine,
    baseUrl,
    mcp,
    logs,
    async close() {
      await mcp.close()
      await engine.close()
    },
  }
}

/** Values for `{{group.key}}` placeholders: demo ids, seed ids, seeded secret/token/role ids. */
export function placeholderValues(engine: Engine): Record<string, unknown> {
  return {
    demo: engine.sandbox!.demoIds,
    seed: SEED_IDS,
    scw: SCALEWAY_SEED_SECRET_IDS,
    qov: { ...QOVERY_SEED_SECRET_IDS, roles: QOVERY_SEED_ROLE_IDS, tokens: QOVERY_SEED_TOKEN_IDS },
    long256: 'd'.repeat(256),
    long255: 'd'.repeat(255),
  }
}

function lookup(root: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = root
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(part in cur)) return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

/** Replaces `{{a.b}}` in every string of `value`; a string that is only a placeholder keeps the value's type. */
export function substitute(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{([\w.]+)\}\}$/.exec(value)
    if (whole) {
      const v = lookup(vars, whole[1]!)
      if (v === undefined) throw new Error(`unknown placeholder ${value}`)
      return v
    }
    return value.replace(/\{\{([\w.]+)\}\}/g, (_m, name: string) => {
      const v = lookup(vars, name)
      if (v === undefined) throw new Error(`unknown placeholder {{${name}}}`)
      return String(v)
    })
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]))
  }
  return value
}

/**
 * Lists where `actual` differs from `expected`. Objects match as subsets; arrays match when each
 * expected element matches a distinct actual element (in order), unless `exact`. Markers:
 * `<absent>` (key must be missing), `<any>` (key present), `<uuid>`, `<string>`.
 */
export function mismatches(actual: unknown, expected: unknown, exact = false, at = '$'): string[] {
  if (expected === '<any>') return actual === undefined ? [`${at}: missing`] : []
  if (expected === '<string>') return typeof actual === 'string' ? [] : [`${at}: not a string`]
  if (expected === '<uuid>') {
    return typeof actual === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(actual)
      ? []
      : [`${at}: ${JSON.stringify(actual)} is not a uuid`]
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`]
    if (exact) {
      if (actual.length !== expected.length)
        return [`${at}: length ${actual.length} != ${expected.length}`]
      return expected.flatMap((e, i) => mismatches(actual[i], e, true, `${at}[${i}]`))
    }
    let from = 0
    for (const [i, e] of expected.entries()) {
      let found = -1
      for (let j = from; j < actual.length; j++) {
        if (mismatches(actual[j], e, false, at).length === 0) {
          found = j
          break
        }
      }
      if (found < 0)
        return [
          `${at}: no element (after index ${from}) matches expected[${i}] ${JSON.stringify(e)}`,
        ]
      from = found + 1
    }
    return []
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${at}: expected an object, got ${JSON.stringify(actual)}`]
    }
    const a = actual as Record<string, unknown>
    const out: string[] = []
    for (const [k, e] of Object.entries(expected)) {
      if (e === '<absent>') {
        if (k in a) out.push(`${at}.${k}: should be absent, is ${JSON.stringify(a[k])}`)
        continue
      }
      if (!(k in a)) {
        out.push(`${at}.${k}: missing`)
        continue
      }
      out.push(...mismatches(a[k], e, exact, `${at}.${k}`))
    }
    if (exact) {
      for (const k of Object.keys(a)) if (!(k in expected)) out.push(`${at}.${k}: unexpected key`)
    }
    return out
  }
  return Object.is(actual, expected)
    ? []
    : [`${at}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`]
}

/** True when the call carried the sandbox credential for its upstream, compared without printing it. */
export function carriesCredential(
  call: SandboxCall,
  credentials: Readonly<Record<string, string>>,
): boolean {
  if (call.path.startsWith('/secret-manager/')) {
    return call.headers['x-auth-token'] === credentials.SCALEWAY_API_KEY
  }
  return call.headers.authorization === `Bearer ${credentials.QOVERY_API_KEY}`
}

export interface RestReply {
  readonly status: number
  readonly headers: Record<string, string>
  readonly text: string
  readonly body: unknown
}

export async function restCall(
  baseUrl: string,
  req: {
    method: string
    path: string
    query?: Record<string, unknown>
    headers?: Record<string, string>
    body?: unknown
  },
): Promise<RestReply> {
  const url = new URL(req.path, baseUrl)
  for (const [k, v] of Object.entries(req.query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item))
  }
  const headers: Record<string, string> = { ...(req.headers ?? {}) }
  let body: string | undefined
  if (req.body !== undefined) {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await fetch(url, { method: req.method, headers, body })
  const text = await res.text()
  let parsed: unknown = undefined
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = text
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), text, body: parsed }
}

export interface ToolReply {
  readonly isError: boolean
  readonly text: string
  readonly structured: unknown
  /** structuredContent, else the first text block parsed as JSON, else the text. */
  readonly body: unknown
}

export async function toolCall(
  mcp: Client,
  tool: string,
  args: Record<string, unknown>,
): Promise<ToolReply> {
  const r = (await mcp.callTool({ name: tool, arguments: args })) as {
    isError?: boolean
    content?: { type: string; text?: string }[]
    structuredContent?: unknown
  }
  const text = (r.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n')
  let body: unknown = r.structuredContent
  if (body === undefined) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  return { isError: r.isError === true, text, structured: r.structuredContent, body }
}
