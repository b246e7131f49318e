/** Wires `--watch`: file watching, reloads through throwaway generations, outcome reporting. */
import { Readable, Writable } from 'node:stream'
import type { Logger } from 'pino'
import type { Diagnostic } from '../../diagnostics.js'
import type { Capability } from '../../model/types.js'
import type { RuntimeDeps } from '../../runtime/types.js'
import { startHost, type HostOptions } from '../start-host.js'
import type { AdapterSwitch } from './adapter-switch.js'
import { createReloader, type ReloadOutcome } from './create-reloader.js'
import { watchPaths, type WatchFn } from './watch-paths.js'

export interface WatchOptions {
  readonly paths: readonly string[]
  readonly cwd: string
  readonly logger: Logger
  readonly adapters: AdapterSwitch
  readonly hostOptions: HostOptions
  readonly capabilities: readonly Capability[]
  readonly load: () => Promise<{
    capabilities: readonly Capability[]
    diagnostics: readonly Diagnostic[]
  }>
  /** Resolves binds and builds runtime deps for a generation; throws with a user message on a missing secret. */
  readonly runtimeFor: (capabilities: readonly Capability[]) => RuntimeDeps
  readonly watch: WatchFn
  readonly onOutcome: (outcome: ReloadOutcome) => void
}

export interface Watching {
  /** Reloads now, as a file change would (tests, SIGHUP). */
  reload(): Promise<ReloadOutcome>
  close(): Promise<void>
}

export function startWatch(o: WatchOptions): Watching {
  let current = o.capabilities
  const { onStdioEnd: _end, stdin: _in, stdout: _out, wrapAdapter, ...base } = o.hostOptions
  const reloader = createReloader({
    adapters: o.adapters,
    overrides: o.hostOptions,
    load: o.load,
    graceMs: o.hostOptions.shutdownGraceMs ?? 10_000,
    startGeneration: (capabilities, capture) =>
      startHost(capabilities, o.runtimeFor(capabilities), o.logger, {
        ...base,
        restPort: 0,
        mcpPort: 0,
        controlPort: 0,
        skillPort: 0,
        stdio: false,
        // A generation never talks on the process's stdin/stdout.
        stdin: Readable.from([]),
        stdout: new Writable({ write: (_c, _e, cb) => cb() }),
        wrapAdapter: (a, l) => capture(wrapAdapter ? wrapAdapter(a, l) : a, l),
      }),
    onOutcome(outcome) {
      if (outcome.kind === 'reloaded') {
        current = outcome.capabilities
        o.logger.info({ capabilities: outcome.capabilities.length }, 'capability files reloaded')
      } else
        o.logger.warn(
          { errors: outcome.diagnostics.filter((d) => d.severity === 'error').length },
          `reload rejected: ${outcome.reason}`,
        )
      o.onOutcome(outcome)
    },
  })
  const watcher = watchPaths(
    o.paths,
    o.cwd,
    o.watch,
    () =>
      void reloader
        .reload(current)
        .catch((error: unknown) => o.logger.error({ err: error }, 'reload failed')),
  )
  return {
    reload: () => reloader.reload(current),
    async close() {
      watcher.close()
      await reloader.close()
    },
  }
}
