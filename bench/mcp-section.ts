/** MCP tools/call throughput on both protocol eras against the bare SDK server. */
import type { BenchContext } from './bench-context.js'
import { fmt, line, pct } from './figures.js'
import { LEGACY_INITIALIZE, MCP_HEADERS } from './mcp-messages.js'
import type { Capstan, Child } from './processes.js'
import type { Section } from './report.js'
import { paired, saturate } from './saturation.js'

function mcpModern(name: string): { headers: Record<string, string>; body: string } {
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  }
  return {
    headers: {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-method': 'tools/call',
      'mcp-name': name,
      'mcp-protocol-version': '2026-07-28',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: '[<id>]',
      method: 'tools/call',
      params: { name, arguments: {}, _meta: meta },
    }),
  }
}

async function openSession(url: string): Promise<string> {
  const headers = MCP_HEADERS
  const init = await fetch(url, {
    method: 'POST',
    headers,
    body: LEGACY_INITIALIZE,
  })
  await init.text()
  const id = init.headers.get('mcp-session-id')
  if (!id) throw new Error(`initialize failed on ${url}: HTTP ${init.status}`)
  const ack = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' },
    body: '{"jsonrpc":"2.0","method":"notifications/initialized"}',
  })
  await ack.text()
  return id
}

async function mcpLegacy(
  url: string,
  name: string,
): Promise<{ headers: Record<string, string>; body: string }> {
  const id = await openSession(url)
  return {
    headers: {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-session-id': id,
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: '[<id>]',
      method: 'tools/call',
      params: { name, arguments: {} },
    }),
  }
}

export async function mcpSection(
  ctx: BenchContext,
  bare: Child,
  capstan: Capstan,
): Promise<Section> {
  const rows: Section['rows'] = []
  const raw: string[] = []
  const bareUrl = `http://127.0.0.1:${bare.port}/mcp`
  const capUrl = `http://127.0.0.1:${capstan.mcpPort}/mcp`
  for (const era of ['2026-07-28', '2025-11-25'] as const) {
    ctx.log(`MCP ${era}: saturation`)
    const bareReq = era === '2026-07-28' ? mcpModern('get-1k') : await mcpLegacy(bareUrl, 'get-1k')
    const capReq = era === '2026-07-28' ? mcpModern('get-1k') : await mcpLegacy(capUrl, 'get-1k')
    const pair = await paired(
      () => saturate(bareUrl, { method: 'POST', ...bareReq, idReplacement: true }),
      () => saturate(capUrl, { method: 'POST', ...capReq, idReplacement: true }),
    )
    const b = pair.a
    const c = pair.b
    if (c.non2xx > 0 || b.non2xx > 0)
      ctx.log(`MCP ${era}: non-2xx answers (bare ${b.non2xx}, capstan ${c.non2xx})`)
    const ratio = pair.ratio
    rows.push({
      target: `MCP tools/call ${era} ≥ 90% of bare SDK server`,
      value: `${fmt(c.rps)} vs ${fmt(b.rps)} calls/s`,
      ratio: pct(ratio),
      pass: ratio >= 0.9,
    })
    rows.push({
      target: `MCP tools/call ${era} ≥ 1,500 calls/s`,
      value: `${fmt(c.rps)} calls/s`,
      ratio: '',
      pass: c.rps >= 1500,
    })
    raw.push(
      line(`bare SDK ${era} tools/call get-1k (median round)`, b),
      line(`capstan ${era} tools/call get-1k (median round)`, c),
      `${era} ${pair.rounds}`,
    )
  }
  return { title: 'MCP tools/call', rows, raw }
}
