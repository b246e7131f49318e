/** `capstan health [--port N] [--address A]`: asks a running engine's control port whether it is ready. */
import { parseArgs } from 'node:util'
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'

export interface ControlTarget {
  readonly base: string
}

export const CONTROL_FLAGS = `  --port N        control port (CAPSTAN_CONTROL_PORT, default 9091)
  --address A     control address (CAPSTAN_CONTROL_ADDRESS, default 127.0.0.1)
`

/** Parses --port/--address shared by health, status and metrics; a string is a usage error. */
export function parseControlTarget(
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
): ControlTarget | string {
  let values
  try {
    values = parseArgs({
      args,
      options: { port: { type: 'string' }, address: { type: 'string' } },
    }).values
  } catch (error) {
    return (error as Error).message
  }
  const rawPort = values.port ?? env.CAPSTAN_CONTROL_PORT ?? '9091'
  const port = Number(rawPort)
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return `--port must be a port number (1-65535), got "${rawPort}"`
  const address = values.address ?? env.CAPSTAN_CONTROL_ADDRESS ?? '127.0.0.1'
  return { base: `http://${address.includes(':') ? `[${address}]` : address}:${port}` }
}

/** GETs (or with `init`, PUTs to) one control endpoint; a string result means the engine could not be reached. */
export async function getControl(
  target: ControlTarget,
  path: string,
  init: { method: 'PUT'; body: string } | undefined = undefined,
): Promise<{ status: number; body: string } | string> {
  try {
    const res = await fetch(`${target.base}${path}`, {
      signal: AbortSignal.timeout(5000),
      ...(init && { ...init, headers: { 'content-type': 'application/json' } }),
    })
    return { status: res.status, body: await res.text() }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name
    return `cannot reach the control port at ${target.base} (${cause}). Is \`capstan run --control-port N\` running, or does a capability declare exposes[type=control]?`
  }
}

/** Why a control call failed: unreachable, or the engine's `error` (else the HTTP status). */
export function controlFailure(res: { status: number; body: string } | string): string {
  if (typeof res === 'string') return res
  try {
    const error = (JSON.parse(res.body) as { error?: unknown }).error
    if (typeof error === 'string') return error
  } catch {
    // not JSON: the HTTP status says enough
  }
  return `the control port answered HTTP ${res.status}`
}

export async function healthCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help')) {
    io.stdout(
      `usage: capstan health [options]\n  exit 0 when the engine is ready, 1 otherwise\n${CONTROL_FLAGS}`,
    )
    return EXIT_OK
  }
  const target = parseControlTarget(args, io.env)
  if (typeof target === 'string') {
    io.stderr(`capstan health: ${target}\nusage: capstan health [--port N] [--address A]\n`)
    return EXIT_USAGE
  }
  const res = await getControl(target, '/health/ready')
  if (typeof res === 'string') {
    io.stderr(`capstan health: ${res}\n`)
    return EXIT_ERRORS
  }
  let state = `HTTP ${res.status}`
  try {
    state = (JSON.parse(res.body) as { status?: string }).status ?? state
  } catch {
    // Not JSON: something else answers on that port; the HTTP status is reported instead.
  }
  if (res.status === 200) {
    io.stdout(`ready (${state}) at ${target.base}\n`)
    return EXIT_OK
  }
  io.stderr(`capstan health: not ready (${state}) at ${target.base}\n`)
  return EXIT_ERRORS
}
