import { DEMO_IDS, startSandbox, type SandboxOptions } from './index.js'

export interface SandboxCommandIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  env: Record<string, string | undefined>
  /** Registers a stop handler for SIGINT/SIGTERM and returns a function that removes it. */
  onSignal?: (handler: (signal: string) => void) => () => void
}

const USAGE =
  'usage: capstan sandbox [--host 127.0.0.1] [--port N] [--data FILE] [--print-demo-ids]\n'

interface ParsedArgs {
  host?: string
  port?: number
  dataFile?: string
  printDemoIds: boolean
  help: boolean
}

function parseArgs(args: readonly string[]): ParsedArgs | string {
  const out: ParsedArgs = { printDemoIds: false, help: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const eq = arg.indexOf('=')
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined
    const value = (): string | undefined => inline ?? args[++i]
    switch (name) {
      case '--print-demo-ids':
        out.printDemoIds = true
        break
      case '--help':
      case '-h':
        out.help = true
        break
      case '--host': {
        const v = value()
        if (!v) return '--host needs a value, e.g. --host 127.0.0.1'
        out.host = v
        break
      }
      case '--port': {
        const v = value()
        const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN
        if (!(n >= 0 && n <= 65535))
          return `--port must be an integer from 0 to 65535 (got ${v ?? 'nothing'})`
        out.port = n
        break
      }
      case '--data': {
        const v = value()
        if (!v) return '--data needs a file path, e.g. --data sandbox-state.json'
        out.dataFile = v
        break
      }
      default:
        return `unknown option ${arg}`
    }
  }
  return out
}

function defaultOnSignal(handler: (signal: string) => void): () => void {
  const onInt = (): void => handler('SIGINT')
  const onTerm = (): void => handler('SIGTERM')
  process.once('SIGINT', onInt)
  process.once('SIGTERM', onTerm)
  return () => {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
  }
}

/** `capstan sandbox`: serves every emulator on one port until SIGINT/SIGTERM. */
export async function sandboxCommand(args: string[], io: SandboxCommandIo): Promise<number> {
  const parsed = parseArgs(args)
  if (typeof parsed === 'string') {
    io.stderr(`capstan sandbox: ${parsed}\n${USAGE}`)
    return 2
  }
  if (parsed.help) {
    io.stdout(USAGE)
    return 0
  }
  if (parsed.printDemoIds) {
    io.stdout(JSON.stringify(DEMO_IDS) + '\n')
    return 0
  }
  const options: SandboxOptions = {}
  if (parsed.host !== undefined) options.host = parsed.host
  if (parsed.port !== undefined) options.port = parsed.port
  if (parsed.dataFile !== undefined) options.dataFile = parsed.dataFile
  let sandbox
  try {
    sandbox = await startSandbox(options)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    const reason =
      e.code === 'EADDRINUSE'
        ? `port ${parsed.port} is already in use; pick another with --port`
        : e.message
    io.stderr(`capstan sandbox: cannot start: ${reason}\n`)
    return 3
  }
  const lines = [
    `capstan sandbox listening on ${sandbox.url}`,
    ...Object.entries(sandbox.origins).map(([origin, url]) => `  ${origin} -> ${url}`),
    'Credentials (sandbox only):',
    ...Object.entries(sandbox.credentials).map(([name, value]) => `  export ${name}=${value}`),
    `Demo ids: ${JSON.stringify(DEMO_IDS)}`,
    parsed.dataFile ? `State is saved to ${parsed.dataFile}` : 'State is kept in memory only',
    'Press Ctrl+C to stop.',
  ]
  io.stdout(lines.join('\n') + '\n')
  let off: () => void = () => {}
  await new Promise<void>((resolve) => {
    off = (io.onSignal ?? defaultOnSignal)(() => resolve())
  })
  off()
  await sandbox.close()
  io.stdout('capstan sandbox stopped\n')
  return 0
}
