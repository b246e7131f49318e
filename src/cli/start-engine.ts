/**
 * Loads capabilities and serves them: sandbox wiring, binds, transport, logger, host. Used by
 * `capstan run` and by integration tests (in-process, ephemeral ports).
 */
import { readFileSync, watch as fsWatch } from 'node:fs'
import type { DestinationStream, Logger } from 'pino'
import { hasErrors, type Diagnostic } from '../diagnostics.js'
import { loadCapabilities } from '../model/load-capabilities.js'
import type { ParseCache } from '../spec/parse-cache.js'
import type { ValidationCache } from '../spec/validation-cache.js'
import type { Capability } from '../model/types.js'
import { startHost, type Host, type HostOptions } from '../host/start-host.js'
import { createLogger } from '../host/create-logger.js'
import { createOperations } from '../host/telemetry/create-operations.js'
import { processRuntimeSources } from './process-runtime-sources.js'
import { createAdapterSwitch } from '../host/watch/adapter-switch.js'
import type { ReloadOutcome } from '../host/watch/create-reloader.js'
import { startWatch, type Watching } from '../host/watch/start-watch.js'
import type { WatchFn } from '../host/watch/watch-paths.js'
import { createRuntimeDeps } from '../runtime/create-runtime-deps.js'
import { createScriptRunner } from '../runtime/scripting/create-script-runner.js'
import { resolveSecrets } from '../runtime/resolve-secrets.js'
import { createUndiciTransport } from '../runtime/transport/index.js'
import type { CallObserver, SecretValues, Transport } from '../runtime/types.js'
import type { HttpAdapter } from '../adapters/adapter.js'
import type { ListenerPlan } from '../host/plan-listeners.js'
import { parseYamlValue } from '../spec/parse-yaml-value.js'

export interface EngineOptions extends HostOptions {
  readonly paths: readonly string[]
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly upstreams?: ReadonlyMap<string, string>
  readonly sandbox?: boolean
  readonly logDestination: DestinationStream
  readonly logLevel?: string
  /** Structural diagnostics kept by file content between loads and runs. */
  readonly validationCache?: ValidationCache
  /** Parsed data kept by file content between loads and runs. */
  readonly parseCache?: ParseCache
  readonly transport?: Transport
  readonly observer?: CallObserver
  /** Reload capability files when they change (`capstan run --watch`). */
  readonly watch?: boolean
  readonly watchFn?: WatchFn
  readonly onReload?: (outcome: ReloadOutcome) => void
}

export interface SandboxHandle {
  readonly url: string
  readonly demoIds: Record<string, Record<string, string>>
  readonly credentials: Readonly<Record<string, string>>
  /** Upstream requests the emulators received (tests compare them; never print the headers). */
  readonly calls: readonly SandboxCall[]
  /** Restores the demo data and clears `calls`. */
  reset(): void
  close(): Promise<void>
}

export interface SandboxCall {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string | string[]>>
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly status: number
}

export interface Engine {
  readonly host: Host
  readonly capabilities: readonly Capability[]
  readonly diagnostics: readonly Diagnostic[]
  readonly sandbox: SandboxHandle | undefined
  readonly logger: Logger
  /** With `watch`: reload now, as a file change would. */
  readonly reload?: () => Promise<ReloadOutcome>
  close(): Promise<void>
}

export class EngineStartError extends Error {
  readonly diagnostics: readonly Diagnostic[]
  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message)
    this.diagnostics = diagnostics
  }
}

export async function startEngine(options: EngineOptions): Promise<Engine> {
  let sandbox: (SandboxHandle & { origins: Readonly<Record<string, string>> }) | undefined
  const upstreams = new Map(options.upstreams ?? [])
  let env = options.env
  if (options.sandbox) {
    // Only the CLI loads the emulators, and only on demand (house rule 1).
    const mod = (await import('../../sandbox/index.js')) as typeof import('../../sandbox/index.js')
    sandbox = (await mod.startSandbox({
      host: '127.0.0.1',
      port: 0,
    })) as unknown as SandboxHandle & { origins: Readonly<Record<string, string>> }
    env = { ...env, ...sandbox.credentials }
  }
  const loadOptions = {
    cwd: options.cwd,
    upstreams,
    ...(options.validationCache ? { validationCache: options.validationCache } : {}),
    ...(options.parseCache ? { parseCache: options.parseCache } : {}),
  }
  try {
    let loaded = await loadCapabilities([...options.paths], loadOptions)
    if (sandbox && !hasErrors(loaded.diagnostics)) {
      for (const cap of loaded.capabilities) {
        for (const u of cap.upstreams) {
          if (upstreams.has(u.namespace) || upstreams.has('*')) continue
          const base = u.baseUri.source
          const origin = Object.keys(sandbox.origins).find(
            (o) => base === o || base.startsWith(o + '/'),
          )
          if (origin)
            upstreams.set(u.namespace, sandbox.origins[origin]! + base.slice(origin.length))
        }
      }
      loaded = await loadCapabilities([...options.paths], loadOptions)
    }
    if (hasErrors(loaded.diagnostics))
      throw new EngineStartError('The capability files have errors.', loaded.diagnostics)
    const binds = loaded.capabilities.flatMap((c) => c.binds)
    const secretSources = {
      env,
      readFile: (p: string) => readFileSync(p, 'utf8'),
      parseYaml: parseYamlValue,
    }
    const { secrets, problems } = resolveSecrets(binds, secretSources)
    if (problems.length > 0)
      throw new EngineStartError([...new Set(problems.map((p) => p.message))].join('\n'))
    // Every generation's secrets stay redacted (a --watch reload may bind new ones); a new array per reload.
    let secretValues: readonly string[] = [...secrets.values.values()]
    const logger = createLogger(
      options.logDestination,
      options.logLevel ?? 'info',
      () => secretValues,
    )
    // like the Java engine, the first file whose control expose declares observability sets it
    const observability = loaded.capabilities.find((c) => c.observability)?.observability
    const management = loaded.capabilities.find((c) => c.management)?.management
    const scripts = createScriptRunner({ env })
    const ops = createOperations({
      scripts,
      env,
      now: Date.now,
      fetch: globalThis.fetch,
      ...(observability ? { observability } : {}),
      ...(management ? { management } : {}),
      ...(options.observer ? { observer: options.observer } : {}),
      runtime: processRuntimeSources(),
      onExportError: (m) => logger.warn(m),
      audit: (message, fields) => logger.info(fields, message),
    })
    const transport = options.transport ?? createUndiciTransport()
    const runtimeWith = (bound: SecretValues) =>
      createRuntimeDeps({
        transport,
        secrets: bound,
        parseYaml: parseYamlValue,
        readSchema: (p) => readFileSync(p, 'utf8'),
        observer: ops.observer,
        scripts,
      })
    const runtime = runtimeWith(secrets)
    const adapterSwitch = options.watch ? createAdapterSwitch() : undefined
    const opsHost = ops.hostOptions(options)
    const hostOptions = {
      ...options,
      ...opsHost,
      ...(adapterSwitch
        ? {
            wrapAdapter: (a: HttpAdapter, l: ListenerPlan) =>
              adapterSwitch.wrap(opsHost.wrapAdapter(a, l), l),
          }
        : {}),
    }
    const started = await startHost(loaded.capabilities, runtime, logger, hostOptions)
    const host = await ops
      .started(
        { host: started, capabilities: loaded.capabilities, diagnostics: loaded.diagnostics },
        { ...options, runtime, logger },
      )
      .catch(async (error: unknown) => {
        await started.close()
        throw error
      })
    let watching: Watching | undefined
    if (adapterSwitch) {
      watching = startWatch({
        paths: options.paths,
        cwd: options.cwd,
        logger,
        adapters: adapterSwitch,
        capabilities: loaded.capabilities,
        hostOptions: { ...options, ...opsHost },
        load: () => loadCapabilities([...options.paths], loadOptions),
        runtimeFor: (caps) => {
          const next = resolveSecrets(
            caps.flatMap((c) => c.binds),
            secretSources,
          )
          if (next.problems.length > 0)
            throw new Error([...new Set(next.problems.map((p) => p.message))].join('\n'))
          secretValues = [...secretValues, ...next.secrets.values.values()]
          return runtimeWith(next.secrets)
        },
        watch: options.watchFn ?? (fsWatch as WatchFn),
        onOutcome: (outcome) => {
          if (outcome.kind === 'reloaded')
            ops.update({ capabilities: outcome.capabilities, diagnostics: outcome.diagnostics })
          options.onReload?.(outcome)
        },
      })
    }
    let closing: Promise<void> | undefined
    return {
      host,
      capabilities: loaded.capabilities,
      diagnostics: loaded.diagnostics,
      sandbox,
      logger,
      ...(watching ? { reload: watching.reload } : {}),
      close() {
        closing ??= (async () => {
          ops.draining()
          await host.close()
          await watching?.close()
          await ops.close()
          await transport.close()
          await sandbox?.close()
        })()
        return closing
      },
    }
  } catch (error) {
    await sandbox?.close()
    throw error
  }
}
