/** Where each surface listens, plus copy-paste examples when the sandbox is on. */
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
      } else lines.push(`${s.type.toUpperCase().padEnd(8)} ${l.url}   ${s.paths.join(' ')}`)
    }
  }
  if (engine.host.stdio) lines.push('MCP      stdio (stdin/stdout)')
  if (engine.sandbox) {
    const ids = engine.sandbox.demoIds as {
      qovery: Record<string, string>
      scaleway: Record<string, string>
    }
    lines.push(
      '',
      `Sandbox emulators at ${engine.sandbox.url} (Qovery and Scaleway; demo data, no account needed).`,
    )
    if (restUrl) {
      lines.push('', 'Try it:')
      lines.push(`  curl -s ${restUrl}/v1/container/${ids.qovery.containerId}/secret`)
      lines.push(
        `  curl -s -X POST ${restUrl}/v1/container/${ids.qovery.containerId}/secret -H 'content-type: application/json' -d '{"key":"DEMO_KEY","value":"s3cr3t"}'`,
      )
      lines.push(`  curl -s '${restUrl}/v1/organization/${ids.qovery.organizationId}/apitoken'`)
      lines.push(
        `  curl -s '${restUrl}/v1/secret-manager/v1beta1/regions/${ids.scaleway.region}/secrets?scheduled_for_deletion=false&project_id=${ids.scaleway.projectId}'`,
      )
    }
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
