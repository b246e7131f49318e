import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'

const FIXTURE = fileURLToPath(
  new URL('../../../test/mcp-conformance/stdio-fixture.ts', import.meta.url),
)

describe('MCP over stdio', () => {
  for (const mode of ['legacy', 'auto'] as const) {
    it(`lists and calls tools with the SDK stdio client (${mode})`, async () => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', FIXTURE],
        stderr: 'pipe',
      })
      const client = new Client(
        { name: 'test', version: '1.0.0' },
        { versionNegotiation: { mode } },
      )
      await client.connect(transport)
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe(
          mode === 'legacy' ? '2025-11-25' : '2026-07-28',
        )
        const { tools } = await client.listTools()
        expect(tools.map((t) => t.name)).toEqual(['echo'])
        expect(tools[0]?.inputSchema).toMatchObject({ required: ['word'] })
        const result = await client.callTool({ name: 'echo', arguments: { word: 'hi' } })
        expect(result.structuredContent).toEqual({ said: 'hi' })
        const invalid = await client.callTool({ name: 'echo', arguments: {} })
        expect(invalid).toMatchObject({
          isError: true,
          content: [{ type: 'text', text: 'Argument `word` is required' }],
        })
      } finally {
        await client.close()
      }
    })
  }
})
