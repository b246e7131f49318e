/** `capstan run [flags] <paths...>`: serve every expose; each flag also settable by environment. */
import { parseArgs } from 'node:util'
import pino from 'pino'
import { EXIT_ERRORS, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, type CliIo } from '../io.js'
import { render } from '../load-for-cli.js'
import { EngineStartError, startEngine, type Engine } from '../start-engine.js'
import { printBanner } from '../print-banner.js'
import { heapGrowthFlag, parseHeapGrowingPercent } from '../heap-growth.js'
import {
  parseSecurityFlags,
  SECURITY_FLAG_OPTIONS,
  SECURITY_USAGE,
  type SecurityFlags,
} from '../../host/security/parse-security-flags.js'
import type { ReloadOutcome } from '../../host/watch/create-reloader.js'

/**
 * Log lines are written in batches (4 KB, or every 100 ms, and at exit): one write per line cost
 * a worker-thread hop per request, ~10% of the engine's CPU at 3,000 req/s.
 */
const LOG_DESTINATION = { fd: 2, sync: false, minLength: 4096, periodicFlush: 100 } as const

export const RUN_USAGE = `usage: capstan run [options] <paths...>
  --host ADDR             bind address (CAPSTAN_HOST, default 127.0.0.1)
  --rest-port N           serve every REST expose on this port (CAPSTAN_REST_PORT)
  --mcp-port N            serve every MCP expose on this port (CAPSTAN_MCP_PORT)
  --control-port N        control port: health, metrics, status (CAPSTAN_CONTROL_PORT)
  --skill-port N          serve every skill expose on this port (CAPSTAN_SKILL_PORT)
  --upstream NS=URL       point a consumed namespace at another base URI; *=URL for all (CAPSTAN_UPSTREAM, comma-separated)
  --sandbox               start the built-in emulators and point matching upstreams at them (CAPSTAN_SANDBOX=1)
  --stdio                 serve MCP over stdin/stdout instead of HTTP (CAPSTAN_STDIO=1)
  --watch                 reload capability files when they change (CAPSTAN_WATCH=1)
  --log-level LEVEL       trace|debug|info|warn|error (CAPSTAN_LOG_LEVEL, default info)
  --heap-growing-percent N  old-generation growth before a full GC, 0 = V8's own (CAPSTAN_HEAP_GROWING_PERCENT, default 300)
${SECURITY_USAGE}`

export interface RunFlags {
  host?: string
  restPort?: number
  mcpPort?: number
  controlPort?: number
  skillPort?: number
  upstreams: Map<string, string>
  sandbox: boolean
  stdio: boolean
  watch: boolean
  logLevel: string
  /** V8's old-generation growth factor as a percent over 1; 0 leaves V8's own (heap-growth.ts). */
  heapGrowingPercent: number
  paths: string[]
  security: SecurityFlags
}

export function parseRunFlags(
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
): RunFlags | string {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        'rest-port': { type: 'string' },
        'mcp-port': { type: 'string' },
        'control-port': { type: 'string' },
        'skill-port': { type: 'string' },
        upstream: { type: 'string', multiple: true },
        sandbox: { type: 'boolean' },
        stdio: { type: 'boolean' },
        watch: { type: 'boolean' },
        'log-level': { type: 'string' },
        'heap-growing-percent': { type: 'string' },
        ...SECURITY_FLAG_OPTIONS,
      },
    })
  } catch (error) {
    return (error as Error).message
  }
  const v = parsed.values
  const port = (flag: string, value: string | undefined): number | undefined | string => {
    if (value === undefined || value === '') return undefined
    const n = Number(value)
    return Number.isInteger(n) && n >= 0 && n <= 65535
      ? n
      : `${flag} must be a port number (0-65535), got "${value}"`
  }
  const rest = port('--rest-port', v['rest-port'] ?? env.CAPSTAN_REST_PORT)
  const mcp = port('--mcp-port', v['mcp-port'] ?? env.CAPSTAN_MCP_PORT)
  const control = port('--control-port', v['control-port'] ?? env.CAPSTAN_CONTROL_PORT)
  const skill = port('--skill-port', v['skill-port'] ?? env.CAPSTAN_SKILL_PORT)
  for (const p of [rest, mcp, control, skill]) if (typeof p === 'string') return p
  const heapGrowingPercent = parseHeapGrowingPercent(
    v['heap-growing-percent'] ?? env.CAPSTAN_HEAP_GROWING_PERCENT,
  )
  if (typeof heapGrowingPercent === 'string') return heapGrowingPercent
  const upstreams = new Map<string, string>()
  const specs = [
    ...(env.CAPSTAN_UPSTREAM ? env.CAPSTAN_UPSTREAM.split(',') : []),
    ...(v.upstream ?? []),
  ]
  for (const spec of specs) {
    const eq = spec.indexOf('=')
    const ns = spec.slice(0, eq).trim()
    const url = spec.slice(eq + 1).trim()
    if (eq <= 0 || !/^https?:\/\/[^/]+/.test(url))
      return `--upstream expects NAMESPACE=URL (http or https), got "${spec}"`
    upstreams.set(ns, url.replace(/\/+$/, ''))
  }
  const flag = (name: boolean | undefined, envName: string) =>
    name ?? ['1', 'true', 'yes'].includes((env[envName] ?? '').toLowerCase())
  const paths = parsed.positionals
  if (paths.length === 0) return 'at least one capability path is required'
  const security = parseSecurityFlags(v, env)
  if (typeof security === 'string') return security
  return {
    ...((v.host ?? env.CAPSTAN_HOST) ? { host: v.host ?? env.CAPSTAN_HOST } : {}),
    ...(typeof rest === 'number' ? { restPort: rest } : {}),
    ...(typeof mcp === 'number' ? { mcpPort: mcp } : {}),
    ...(typeof control === 'number' ? { controlPort: control } : {}),
    ...(typeof skill === 'number' ? { skillPort: skill } : {}),
    upstreams,
    sandbox: flag(v.sandbox, 'CAPSTAN_SANDBOX'),
    stdio: flag(v.stdio, 'CAPSTAN_STDIO'),
    watch: flag(v.watch, 'CAPSTAN_WATCH'),
    logLevel: v['log-level'] ?? env.CAPSTAN_LOG_LEVEL ?? 'info',
    heapGrowingPercent,
    paths,
    security,
  }
}

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseRunFlags(args, io.env)
  if (typeof flags === 'string') {
    io.stderr(`capstan run: ${flags}\n${RUN_USAGE}`)
    return EXIT_USAGE
  }
  let engine: Engine
  try {
    engine = await startEngine({
      paths: flags.paths,
      cwd: io.cwd,
      env: io.env,
      upstreams: flags.upstreams,
      sandbox: flags.sandbox,
      stdio: flags.stdio,
      ...(flags.host ? { host: flags.host } : {}),
      ...(flags.restPort !== undefined ? { restPort: flags.restPort } : {}),
      ...(flags.mcpPort !== undefined ? { mcpPort: flags.mcpPort } : {}),
      ...(flags.controlPort !== undefined ? { controlPort: flags.controlPort } : {}),
      ...(flags.skillPort !== undefined ? { skillPort: flags.skillPort } : {}),
      logDestination: pino.destination(LOG_DESTINATION),
      logLevel: flags.logLevel,
      security: flags.security.security,
      allowedHosts: flags.security.allowedHosts,
      allowedOrigins: flags.security.allowedOrigins,
      ...(flags.watch
        ? {
            watch: true,
            onReload: (o: ReloadOutcome) =>
              io.stderr(
                o.kind === 'reloaded'
                  ? `capstan: reloaded ${o.capabilities.length} capability file(s)\n`
                  : `${render(
                      o.diagnostics.filter((d) => d.severity === 'error'),
                      'text',
                    )}\ncapstan: reload rejected: ${o.reason}\n`,
              ),
          }
        : {}),
      ...(io.validationCache ? { validationCache: io.validationCache } : {}),
      ...(io.parseCache ? { parseCache: io.parseCache } : {}),
      ...(io.stdin ? { stdin: io.stdin as never } : {}),
      ...(io.stdoutStream ? { stdout: io.stdoutStream as never } : {}),
    })
  } catch (error) {
    if (error instanceof EngineStartError) {
      if (error.diagnostics.length > 0)
        io.stderr(
          render(
            error.diagnostics.filter((d) => d.severity === 'error'),
            'text',
          ) + '\n',
        )
      io.stderr(`capstan run: ${error.message}\n`)
      return EXIT_ERRORS
    }
    const e = error as NodeJS.ErrnoException
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      io.stderr(
        `capstan run: cannot listen: ${e.message}. Choose another port with --rest-port / --mcp-port.\n`,
      )
      return EXIT_RUNTIME
    }
    io.stderr(`capstan run: ${e.message}\n`)
    return EXIT_RUNTIME
  }
  // after start-up, which keeps V8's own pacing (and so its resident memory) while it loads
  const heapFlag = heapGrowthFlag(flags.heapGrowingPercent, io.execArgv ?? [])
  if (heapFlag !== undefined) io.setV8Flags?.(heapFlag)
  const out = flags.stdio ? io.stderr : io.stdout
  printBanner(engine, out)
  return new Promise<number>((resolve) => {
    let stopping = false
    const stop = (signal: string) => {
      if (stopping) return
      stopping = true
      io.stderr(`capstan: ${signal} received, draining in-flight requests…\n`)
      void engine.close().then(() => {
        engine.logger.flush?.()
        resolve(EXIT_OK)
      })
    }
    const off = io.onSignal(stop)
    if (engine.host.stdio && engine.host.listeners.length === 0) {
      process.stdin.once('end', () => stop('end of input'))
    }
    void off
  })
}
