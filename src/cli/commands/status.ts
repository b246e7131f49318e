/** `capstan status [--port N] [--address A] [--json]`: what a running engine serves. */
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { CONTROL_FLAGS, controlFailure, getControl, parseControlTarget } from './health.js'

interface Status {
  state: string
  uptimeSeconds: number
  inFlight: number
  capabilities: { label: string; file: string; specVersion: string }[]
  diagnostics: { errors: number; warnings: number }
  listeners: { url: string; surfaces: { type: string; paths: string[] }[] }[]
  reloads: number
}

export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help')) {
    io.stdout(
      `usage: capstan status [options]\n${CONTROL_FLAGS}  --json          print the raw /status document\n`,
    )
    return EXIT_OK
  }
  const json = args.includes('--json')
  const target = parseControlTarget(
    args.filter((a) => a !== '--json'),
    io.env,
  )
  if (typeof target === 'string') {
    io.stderr(
      `capstan status: ${target}\nusage: capstan status [--port N] [--address A] [--json]\n`,
    )
    return EXIT_USAGE
  }
  const res = await getControl(target, '/status')
  if (typeof res === 'string' || res.status !== 200) {
    io.stderr(`capstan status: ${controlFailure(res)}\n`)
    return EXIT_ERRORS
  }
  if (json) {
    io.stdout(res.body + '\n')
    return EXIT_OK
  }
  const s = JSON.parse(res.body) as Status
  const lines = [
    `state: ${s.state}   uptime: ${s.uptimeSeconds}s   in flight: ${s.inFlight}   reloads: ${s.reloads}`,
  ]
  lines.push(
    `capabilities (${s.capabilities.length}), diagnostics: ${s.diagnostics.errors} error(s), ${s.diagnostics.warnings} warning(s)`,
  )
  for (const c of s.capabilities)
    lines.push(`  - ${c.label}  naftiko ${c.specVersion}  (${c.file})`)
  lines.push('listeners:')
  for (const l of s.listeners) lines.push(`  ${l.url}  ${l.surfaces.map((x) => x.type).join(', ')}`)
  io.stdout(lines.join('\n') + '\n')
  return s.state === 'ready' ? EXIT_OK : EXIT_ERRORS
}
