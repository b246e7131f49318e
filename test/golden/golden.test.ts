/**
 * Golden end-to-end cases: each file under cases/<seed>/ sends one REST request or MCP tool call
 * through one engine serving the four seeds against the sandbox, and checks the reply and the
 * upstream calls the sandbox recorded.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  carriesCredential,
  mismatches,
  placeholderValues,
  restCall,
  startHarness,
  substitute,
  toolCall,
  type Harness,
} from './golden-kit.js'

interface RestRequest {
  method: string
  path: string
  query?: Record<string, unknown>
  headers?: Record<string, string>
  body?: unknown
}
interface McpRequest {
  tool: string
  arguments: Record<string, unknown>
}
interface Step {
  rest?: RestRequest
  mcp?: McpRequest
  as?: string
}
interface UpstreamCall {
  method: string
  path: string
  query?: Record<string, unknown>
  body?: unknown
  status?: number
}
interface GoldenCase {
  scenario: string
  capability: string
  setup?: Step[]
  request: Step
  expect: {
    status?: number
    isError?: boolean
    body?: unknown
    exactBody?: boolean
    headers?: Record<string, string>
    text?: string
  }
  upstreamCalls: UpstreamCall[]
}

const CASES_DIR = new URL('./cases/', import.meta.url)
const SEED_NAMES = [
  'qovery-container-secret',
  'qovery-job-secret',
  'qovery-organization-api-token',
  'scaleway-secret-manager-secrets',
]

function loadCases(): { seed: string; name: string; file: string; data: GoldenCase }[] {
  return SEED_NAMES.flatMap((seed) => {
    const dir = new URL(`${seed}/`, CASES_DIR)
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => {
        const file = join(dir.pathname, f)
        return {
          seed,
          name: f.replace(/\.yaml$/, ''),
          file,
          data: parse(readFileSync(file, 'utf8')) as GoldenCase,
        }
      })
  })
}

const cases = loadCases()
let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})
beforeEach(() => {
  h.engine.sandbox!.reset()
})

async function run(step: Step, vars: Record<string, unknown>) {
  if (step.rest) {
    const r = await restCall(h.baseUrl, substitute(step.rest, vars) as RestRequest)
    return {
      kind: 'rest' as const,
      status: r.status,
      headers: r.headers,
      body: r.body,
      text: r.text,
      isError: r.status >= 400,
    }
  }
  if (step.mcp) {
    const req = substitute(step.mcp, vars) as McpRequest
    const r = await toolCall(h.mcp, req.tool, req.arguments ?? {})
    return {
      kind: 'mcp' as const,
      status: undefined,
      headers: {} as Record<string, string>,
      body: r.body,
      text: r.text,
      isError: r.isError,
    }
  }
  throw new Error('a step needs `rest` or `mcp`')
}

describe('golden cases', () => {
  it('has cases for every seed', () => {
    for (const seed of SEED_NAMES)
      expect(cases.filter((c) => c.seed === seed).length).toBeGreaterThan(0)
  })

  for (const c of cases) {
    it(`${c.seed}/${c.name}: ${c.data.scenario}`, async () => {
      const vars: Record<string, unknown> = placeholderValues(h.engine)
      for (const step of c.data.setup ?? []) {
        const r = await run(step, vars)
        expect(r.isError, `setup step failed: ${r.text}`).toBe(false)
        vars[step.as ?? 'created'] = r.body
      }
      const sandbox = h.engine.sandbox!
      ;(sandbox.calls as unknown[]).length = 0
      const r = await run(c.data.request, vars)
      const exp = substitute(c.data.expect, vars) as GoldenCase['expect']
      const problems: string[] = []
      if (exp.status !== undefined && r.status !== exp.status)
        problems.push(`status ${r.status} != ${exp.status}`)
      if (exp.isError !== undefined && r.isError !== exp.isError)
        problems.push(`isError ${r.isError} != ${exp.isError}`)
      if (exp.body !== undefined)
        problems.push(...mismatches(r.body, exp.body, exp.exactBody === true))
      for (const [k, v] of Object.entries(exp.headers ?? {})) {
        if (v === '<absent>' ? k in r.headers : r.headers[k.toLowerCase()] !== v) {
          problems.push(`header ${k}: ${r.headers[k.toLowerCase()]} != ${v}`)
        }
      }
      if (exp.text !== undefined && !r.text.includes(exp.text))
        problems.push(`text lacks ${JSON.stringify(exp.text)}`)
      expect(problems, `reply ${r.status ?? ''} ${r.text.slice(0, 500)}`).toEqual([])

      const expectedCalls = substitute(c.data.upstreamCalls ?? [], vars) as UpstreamCall[]
      const calls = sandbox.calls
      expect(calls.map((x) => `${x.method} ${x.path}`)).toEqual(
        expectedCalls.map((x) => `${x.method} ${x.path}`),
      )
      for (const [i, e] of expectedCalls.entries()) {
        const a = calls[i]!
        if (e.query !== undefined)
          expect(mismatches(a.query, e.query, true), `call ${i} query`).toEqual([])
        if (e.body !== undefined) expect(mismatches(a.body, e.body), `call ${i} body`).toEqual([])
        if (e.status !== undefined) expect(a.status, `call ${i} status`).toBe(e.status)
        // Compared, never printed: a failure message names only the call.
        expect(
          carriesCredential(a, sandbox.credentials),
          `call ${i} carries the sandbox credential`,
        ).toBe(true)
      }
    })
  }

  it('covers every REST route and MCP tool with a success and a failure', () => {
    const listener = h.engine.host.listeners[0]!
    const rest = listener.surfaces.find((s) => s.type === 'rest')!
    const routes = rest.paths.filter((p) => p.startsWith('/v1') || / \/v1\//.test(p))
    expect(routes.length).toBe(25)
    const uncovered: string[] = []
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string]
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
      const hits = cases.filter(
        (c) =>
          c.data.request.rest?.method === method &&
          re.test(substitute(c.data.request.rest.path, placeholderValues(h.engine)) as string),
      )
      if (!hits.some((c) => (c.data.expect.status ?? 0) < 400)) uncovered.push(`${route} success`)
      if (!hits.some((c) => (c.data.expect.status ?? 0) >= 400)) uncovered.push(`${route} failure`)
    }
    const toolNames = h.engine.capabilities.flatMap((cap) =>
      cap.exposes.flatMap((e) => (e.type === 'mcp' ? e.tools.map((t) => t.name) : [])),
    )
    expect(toolNames.length).toBe(25)
    for (const tool of toolNames) {
      const hits = cases.filter((c) => c.data.request.mcp?.tool === tool)
      if (!hits.some((c) => c.data.expect.isError === false)) uncovered.push(`tool ${tool} success`)
      if (!hits.some((c) => c.data.expect.isError === true)) uncovered.push(`tool ${tool} failure`)
    }
    expect(uncovered).toEqual([])
  })
})
