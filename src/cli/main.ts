/** The `capstan` command: a table of commands, each a plain function of (args, io). */
import v8 from 'node:v8'
import { EXIT_OK, EXIT_USAGE, type CliIo, type Command } from './io.js'

export { openValidationCache } from './validation-cache-file.js'

/** Each command's module is imported when it runs, so `capstan health` does not load the engine. */
const lazy =
  <K extends string>(load: () => Promise<Record<K, Command>>, name: K): Command =>
  async (args, io) =>
    (await load())[name](args, io)

const sandboxCommand: Command = async (args, io) => {
  // The emulators are loaded only when this command runs (house rule 1).
  const mod = (await import('../../sandbox/cli.js')) as typeof import('../../sandbox/cli.js')
  return mod.sandboxCommand(args, {
    stdout: io.stdout,
    stderr: io.stderr,
    env: { ...io.env },
    onSignal: io.onSignal,
  })
}

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  run: {
    run: lazy(() => import('./commands/run.js'), 'runCommand'),
    summary: 'serve capabilities over REST and MCP (--sandbox for the built-in emulators)',
  },
  validate: {
    run: lazy(() => import('./commands/validate.js'), 'validateCommand'),
    summary: 'check capability files; --strict for the official schema',
  },
  explain: {
    run: lazy(() => import('./commands/explain.js'), 'explainCommand'),
    summary: 'show each operation and tool, its inputs and where they go upstream',
  },
  call: {
    run: lazy(() => import('./commands/call.js'), 'callCommand'),
    summary: 'run one tool or operation and print the shaped result',
  },
  export: {
    run: lazy(() => import('./commands/export-openapi.js'), 'exportCommand'),
    summary: 'export openapi: the OpenAPI 3.1 of the REST surface',
  },
  health: {
    run: lazy(() => import('./commands/health.js'), 'healthCommand'),
    summary: 'ask a running engine (its control port) whether it is ready; exit 0 when ready',
  },
  status: {
    run: lazy(() => import('./commands/status.js'), 'statusCommand'),
    summary: 'show what a running engine serves: capabilities, listeners, diagnostics',
  },
  metrics: {
    run: lazy(() => import('./commands/metrics.js'), 'metricsCommand'),
    summary: "print a running engine's Prometheus metrics",
  },
  traces: {
    run: lazy(() => import('./commands/traces.js'), 'tracesCommand'),
    summary: "list a running engine's recent traces, or show one as a tree of spans",
  },
  scripting: {
    run: lazy(() => import('./commands/scripting.js'), 'scriptingCommand'),
    summary: "show a running engine's script governance and counts; --set key=value changes it",
  },
  sandbox: { run: sandboxCommand, summary: 'serve the Qovery and Scaleway emulators standalone' },
}

export function helpText(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  return `Capstan — an engine for Naftiko capabilities\n\nusage: capstan <command> [options]\n\ncommands:\n${rows.join('\n')}\n\nRun \`capstan <command> --help\` for a command's options.\n`
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText())
    return name ? EXIT_OK : EXIT_USAGE
  }
  if (name === '--version' || name === '-v') {
    io.stdout('capstan 0.1.0 (naftiko 1.0.0-alpha1 … 1.0.0-alpha3)\n')
    return EXIT_OK
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`capstan: unknown command "${name}"\n\n${helpText()}`)
    return EXIT_USAGE
  }
  return command.run(rest, io)
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    onSignal(handler) {
      const h = (signal: NodeJS.Signals) => handler(signal)
      process.on('SIGINT', h)
      process.on('SIGTERM', h)
      return () => {
        process.off('SIGINT', h)
        process.off('SIGTERM', h)
      }
    },
    stdin: process.stdin,
    stdoutStream: process.stdout,
    execArgv: process.execArgv,
    setV8Flags: (flags) => v8.setFlagsFromString(flags),
  }
}
