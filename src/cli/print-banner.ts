/** Where each surface listens, plus copy-paste examples when the sandbox is on. */
import { normalizeName } from '../model/match-name.js'
import { routeKey } from '../model/resolve-rest.js'
import type { Engine } from './start-engine.js'

export function printBanner(engine: Engine, out: (s: string) => void): void {
  const lines: string[] = []
  lines.push(`Capstan is serving ${engine.capabilities.length} capability file(s):`)
  for (const cap of engine.capabilities) lines.push(`  - ${cap.label}  (${cap.file})`)
  let restUrl: string | undefined
  const mcpUrls: string[] = []
  for (const l of engine.host.listeners) {
    for (const s of l.surfaces) {
      if (s.type === 'rest') {
        restUrl ??= l.url
        lines.push(
          `REST     ${l.url}   (${s.paths.length - 1} routes, OpenAPI at ${l.url}/openapi.json)`,
        )
      } else if (s.type === 'mcp') {
        for (const p of s.paths) {
          mcpUrls.push(`${l.url}${p}`)
          lines.push(`MCP      ${l.url}${p}`)
        }
      } else if (s.type === 'skill') lines.push(`SKILL    ${l.url}/skills`)
      else lines.push(`${s.type.toUpperCase().padEnd(8)} ${l.url}   ${s.paths.join(' ')}`)
    }
  }
  if (engine.host.stdio) lines.push('MCP      stdio (stdin/stdout)')
  if (engine.sandbox) {
    const ids = engine.sandbox.demoIds as DemoIds
    lines.push(
      '',
      `Sandbox emulators at ${engine.sandbox.url} (Qovery and Scaleway; demo data, no account needed).`,
    )
    const tries = restUrl === undefined ? [] : tryLines(engine, restUrl, ids)
    if (tries.length > 0) lines.push('', 'Try it:', ...tries)
    const mcp = mcpUrls.find((u) => u.endsWith('/mcp')) ?? mcpUrls[0]
    if (mcp) {
      lines.push('', 'MCP clients (Claude Desktop, Cursor, VS Code …):')
      lines.push(`  {"mcpServers": {"capstan": {"type": "http", "url": "${mcp}"}}}`)
      lines.push(`  claude mcp add --transport http capstan ${mcp}`)
    }
  }
  lines.push('', 'Press Ctrl+C to stop (in-flight requests finish first).')
  out(lines.join('\n') + '\n')
}

type DemoIds = Readonly<Record<'qovery' | 'scaleway', Readonly<Record<string, string>>>>

/** Copy-paste requests for routes the served files declare: the seeds' own, else GETs filled from demo ids. */
function tryLines(engine: Engine, restUrl: string, ids: DemoIds): string[] {
  const ops = engine.capabilities
    .flatMap((c) => c.exposes)
    .flatMap((e) => (e.type === 'rest' ? e.operations : []))
  const served = new Set(ops.map((o) => `${o.method} ${routeKey(o.path).toLowerCase()}`))
  const q = ids.qovery
  const s = ids.scaleway
  const seeds: [string, string, string][] = [
    ['GET', '/v1/container/{}/secret', `curl -s ${restUrl}/v1/container/${q.containerId}/secret`],
    [
      'POST',
      '/v1/container/{}/secret',
      `curl -s -X POST ${restUrl}/v1/container/${q.containerId}/secret -H 'content-type: application/json' -d '{"key":"DEMO_KEY","value":"s3cr3t"}'`,
    ],
    [
      'GET',
      '/v1/organization/{}/apitoken',
      `curl -s '${restUrl}/v1/organization/${q.organizationId}/apitoken'`,
    ],
    [
      'GET',
      '/v1/secret-manager/v1beta1/regions/{}/secrets',
      `curl -s '${restUrl}/v1/secret-manager/v1beta1/regions/${s.region}/secrets?scheduled_for_deletion=false&project_id=${s.projectId}'`,
    ],
  ]
  const known = seeds.filter(([m, p]) => served.has(`${m} ${p}`)).map(([, , line]) => `  ${line}`)
  if (known.length > 0) return known
  // Other files: GET routes whose every path variable names a demo id (Qovery's first).
  const byName = new Map<string, string>()
  for (const group of [s, q])
    for (const [k, v] of Object.entries(group)) byName.set(normalizeName(k), v)
  return ops
    .filter((o) => o.method === 'GET')
    .flatMap((o) => {
      let complete = true
      const path = o.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const id = byName.get(normalizeName(name))
        if (id === undefined) complete = false
        return id ?? ''
      })
      return complete ? [`  curl -s '${restUrl}${path}'`] : []
    })
    .slice(0, 3)
}
