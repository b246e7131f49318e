/** Operator tool policy: --read-only, --tools/--exclude-tools, --confirm-destructive; bounded output. */
import { describe, expect, it } from 'vitest'
import { mcpRpc, mcpSession, serve } from './harness.js'
import { raw } from './raw-request.js'

const ORG = '/v1/organization/o-1/apitoken'
type Tool = {
  name: string
  inputSchema: { properties: Record<string, unknown>; required?: string[] }
}
const toolNames = async (url: string) => {
  const sid = await mcpSession(url)
  const list = await mcpRpc(url, sid, 'tools/list', {})
  return { sid, tools: list.message!.result!.tools as Tool[] }
}

describe('--read-only', () => {
  it('serves only read-only tools and GET routes; writes never reach the upstream', async () => {
    const s = await serve({ engine: { security: { readOnly: true } } })
    try {
      const { sid, tools } = await toolNames(s.mcp)
      expect(tools.map((t) => t.name)).toEqual(['list-organization-api-tokens'])
      const call = await mcpRpc(s.mcp, sid, 'tools/call', {
        name: 'delete-organization-api-token',
        arguments: { organizationId: 'o-1', apiTokenId: 't-1' },
      })
      expect(call.message?.error ?? call.message?.result?.isError).toBeTruthy()
      expect((await raw(s.rest, 'GET', ORG)).status).toBe(200)
      const del = await raw(s.rest, 'DELETE', `${ORG}/t-1`)
      expect(del.status).toBe(403)
      expect(JSON.parse(del.body).code).toBe('POLICY_DENIED')
      expect((await raw(s.rest, 'POST', ORG, {}, '{}')).status).toBe(403)
      expect(s.upstream.calls.map((c) => c.method)).toEqual(['GET'])
    } finally {
      await s.close()
    }
  })
})

describe('--tools and --exclude-tools', () => {
  it('serves the allow-list minus the deny-list (names and globs), on MCP and REST', async () => {
    const s = await serve({
      engine: {
        security: {
          tools: [
            '*-organization-api-token*',
            'listorganizationapitokens',
            'deleteorganizationapitoken',
          ],
          excludeTools: ['delete-*', 'deleteorganizationapitoken'],
        },
      },
    })
    try {
      const { tools } = await toolNames(s.mcp)
      expect(tools.map((t) => t.name).sort()).toEqual([
        'create-organization-api-token',
        'list-organization-api-tokens',
      ])
      expect((await raw(s.rest, 'GET', ORG)).status).toBe(200)
      expect((await raw(s.rest, 'DELETE', `${ORG}/t-1`)).status).toBe(403)
      expect((await raw(s.rest, 'POST', ORG, {}, '{}')).status).toBe(403)
    } finally {
      await s.close()
    }
  })
})

describe('--confirm-destructive', () => {
  it('adds a required confirm argument and refuses the call without confirm: true', async () => {
    const s = await serve({ engine: { security: { confirmDestructive: true } } })
    try {
      const { sid, tools } = await toolNames(s.mcp)
      const del = tools.find((t) => t.name === 'delete-organization-api-token')!
      expect(del.inputSchema.properties.confirm).toMatchObject({ type: 'boolean' })
      expect(del.inputSchema.required).toContain('confirm')
      expect(
        tools.find((t) => t.name === 'list-organization-api-tokens')!.inputSchema.properties
          .confirm,
      ).toBeUndefined()
      const args = { organizationId: 'o-1', apiTokenId: 't-1' }
      const missing = await mcpRpc(s.mcp, sid, 'tools/call', { name: del.name, arguments: args })
      expect(missing.message?.result?.isError).toBe(true)
      const refused = await mcpRpc(s.mcp, sid, 'tools/call', {
        name: del.name,
        arguments: { ...args, confirm: false },
      })
      expect(JSON.stringify(refused.message?.result)).toMatch(/confirm/)
      expect(s.upstream.calls).toHaveLength(0)
      const done = await mcpRpc(s.mcp, sid, 'tools/call', {
        name: del.name,
        arguments: { ...args, confirm: true },
      })
      expect(done.message?.result?.isError).toBe(false)
      expect(s.upstream.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
        'DELETE /organization/o-1/apiToken/t-1',
      ])
      // The confirmation is ours: it never reaches the upstream.
      expect(s.upstream.calls[0]!.url).not.toContain('confirm')
    } finally {
      await s.close()
    }
  })
})

describe('bounded output to agents', () => {
  it('caps a huge tool result at 1 MiB with a truncation marker, and an upstream error body at 2 KiB', async () => {
    const s = await serve()
    try {
      s.upstream.respond = (r) =>
        r.method === 'GET'
          ? { status: 200, body: { blob: 'x'.repeat(3 * 1024 * 1024) } }
          : { status: 500, body: { message: 'e'.repeat(10_000) } }
      const sid = await mcpSession(s.mcp)
      const big = await mcpRpc(s.mcp, sid, 'tools/call', {
        name: 'list-organization-api-tokens',
        arguments: { organizationId: 'o-1' },
      })
      const text = (big.message!.result!.content as { text: string }[]).map((c) => c.text).join('')
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024 + 512)
      expect(text).toMatch(/truncat/i)
      const failed = await mcpRpc(s.mcp, sid, 'tools/call', {
        name: 'create-organization-api-token',
        arguments: { organizationId: 'o-1', body: {} },
      })
      expect(failed.message!.result!.isError).toBe(true)
      const errText = (failed.message!.result!.content as { text: string }[])
        .map((c) => c.text)
        .join('')
      expect(Buffer.byteLength(errText)).toBeLessThan(2048 + 256)
    } finally {
      await s.close()
    }
  })
})
