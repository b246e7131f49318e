/** `capstan scripting [--set key=value]…`: a running engine's script governance, shown or changed. */
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { CONTROL_FLAGS, controlFailure, getControl, parseControlTarget } from './health.js'

const USAGE =
  'usage: capstan scripting [--port N] [--address A] [--capability LABEL] [--set key=value]… [--json]'
/** How each settable field's text becomes its JSON value. */
const FIELDS: Readonly<Record<string, (text: string) => unknown>> = {
  enabled: (t) => (t === 'true' ? true : t === 'false' ? false : t),
  timeout: (t) => (/^\d+$/.test(t) ? Number(t) : t),
  statementLimit: (t) => (/^\d+$/.test(t) ? Number(t) : t),
  defaultLocation: (t) => t,
  defaultLanguage: (t) => t,
  allowedLanguages: (t) =>
    t
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
}

interface Governance {
  capability: string
  enabled: boolean
  defaultLocation?: string
  defaultLanguage?: string
  timeout: number
  statementLimit: number
  allowedLanguages?: string[]
  stats: {
    totalExecutions: number
    totalErrors: number
    averageDurationMs: number
    lastExecutionAt?: string
  }
}

export async function scriptingCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help')) {
    io.stdout(
      `${USAGE}\n${CONTROL_FLAGS}  --set key=value change a field (${Object.keys(FIELDS).join(', ')}; allowedLanguages=a,b)\n  --capability L  the file labelled L, when several declare management.scripting (default: the first)\n  --json          print the raw /scripting document\n`,
    )
    return EXIT_OK
  }
  const patch: Record<string, unknown> = {}
  const rest: string[] = []
  let json = false
  let capability: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--json') json = true
    else if (arg === '--capability' || arg.startsWith('--capability=')) {
      capability = arg === '--capability' ? args[++i] : arg.slice('--capability='.length)
      if (!capability) {
        io.stderr(`capstan scripting: --capability takes a capability's label\n${USAGE}\n`)
        return EXIT_USAGE
      }
    } else if (arg === '--set' || arg.startsWith('--set=')) {
      const pair = arg === '--set' ? args[++i] : arg.slice('--set='.length)
      const eq = pair?.indexOf('=') ?? -1
      const key = eq > 0 ? pair!.slice(0, eq) : undefined
      const parse = key === undefined ? undefined : FIELDS[key]
      if (parse === undefined) {
        io.stderr(
          `capstan scripting: --set takes key=value with key one of ${Object.keys(FIELDS).join(', ')}; got "${pair ?? ''}"\n${USAGE}\n`,
        )
        return EXIT_USAGE
      }
      patch[key!] = parse(pair!.slice(eq + 1))
    } else rest.push(arg)
  }
  const target = parseControlTarget(rest, io.env)
  if (typeof target === 'string') {
    io.stderr(`capstan scripting: ${target}\n${USAGE}\n`)
    return EXIT_USAGE
  }
  const changing = Object.keys(patch).length > 0
  const res = await getControl(
    target,
    capability === undefined
      ? '/scripting'
      : `/scripting?capability=${encodeURIComponent(capability)}`,
    changing ? { method: 'PUT', body: JSON.stringify(patch) } : undefined,
  )
  if (typeof res === 'string' || res.status !== 200) {
    io.stderr(`capstan scripting: ${controlFailure(res)}\n`)
    return EXIT_ERRORS
  }
  if (json) {
    io.stdout(res.body + '\n')
    return EXIT_OK
  }
  const g = JSON.parse(res.body) as Governance
  const s = g.stats
  io.stdout(
    [
      `${changing ? 'updated; ' : ''}scripting: ${g.enabled ? 'enabled' : 'disabled'}`,
      `  capability:        ${g.capability}`,
      `  default location:  ${g.defaultLocation ?? '(none)'}`,
      `  default language:  ${g.defaultLanguage ?? '(none)'}`,
      `  allowed languages: ${g.allowedLanguages?.join(', ') ?? '(any)'}`,
      `  timeout:           ${g.timeout} ms`,
      `  statement limit:   ${g.statementLimit}`,
      `  runs: ${s.totalExecutions}, errors: ${s.totalErrors}, average ${s.averageDurationMs} ms${s.lastExecutionAt ? `, last at ${s.lastExecutionAt}` : ''}`,
    ].join('\n') + '\n',
  )
  return EXIT_OK
}
