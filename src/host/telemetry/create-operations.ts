/**
 * Operations wiring for one engine: telemetry hooks for the host and runtime, the control adapter
 * on every port that declares a control expose (or on `--control-port` alone), readiness state.
 */
import { pathToFileURL } from 'node:url'
import type { Logger } from 'pino'
import type { AdapterDeps, HttpAdapter, RequestContext } from '../../adapters/adapter.js'
import {
  createControlAdapter,
  NO_SCRIPTING,
  type ScriptingAnswer,
} from '../../adapters/control/control-adapter.js'
import { hasErrors, type Diagnostic } from '../../diagnostics.js'
import type { Capability } from '../../model/types.js'
import type { ScriptRunner } from '../../runtime/scripting/create-script-runner.js'
import type { CallObserver, RuntimeDeps } from '../../runtime/types.js'
import type { ListenerPlan } from '../plan-listeners.js'
import { isLoopback } from '../security/check-exposure.js'
import { createSecurity } from '../security/create-security.js'
import { HostPlanError, type Host, type HostOptions, type Listener } from '../start-host.js'
import { registerRuntimeMetrics, type RuntimeSources } from './runtime-metrics.js'
import { createTelemetry, type Telemetry, type TelemetryOptions } from './create-telemetry.js'
import { startControlListener } from './start-control-listener.js'

export interface OperationsOptions extends TelemetryOptions {
  /** A caller's own observer, still called. */
  readonly observer?: CallObserver
  /** The script runner: counts and live governance for GET and PUT /scripting. */
  readonly scripts?: Pick<ScriptRunner, 'stats' | 'governance' | 'update'>
  /** Writes an audit line for a change made through the control port (PUT /scripting). */
  readonly audit?: (message: string, fields: Record<string, unknown>) => void
  /** Control endpoints the file's `management` turns off (health, info → /status). */
  readonly management?: { readonly health?: boolean; readonly info?: boolean }
  /** The process's readings for CPU, memory and GC metrics; without them /metrics has none. */
  readonly runtime?: RuntimeSources
}

export interface EngineView {
  readonly host: Host
  readonly capabilities: readonly Capability[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface Operations {
  readonly telemetry: Telemetry
  readonly observer: CallObserver
  /**
   * Host options to merge: control adapters, request metrics and the adapter hook that lets
   * /metrics read adapter stats (MCP sessions), composed with the caller's.
   */
  hostOptions(
    base: HostOptions,
  ): Required<Pick<HostOptions, 'extraAdapters' | 'onRequestEnd' | 'wrapAdapter' | 'sampleTrace'>>
  /** Marks the engine ready, starts a lone control listener when asked; returns the host to expose. */
  started(view: EngineView, options: LoneControlOptions): Promise<Host>
  /** Replaces what /status reports (after a watch reload). */
  update(view: Omit<EngineView, 'host'>): void
  draining(): void
  close(): Promise<void>
}

/** What the lone `--control-port` listener needs to apply the same security as the host. */
export interface LoneControlOptions extends Pick<
  HostOptions,
  'controlPort' | 'host' | 'allowedHosts' | 'allowedOrigins' | 'security'
> {
  readonly runtime: RuntimeDeps
  readonly logger: Logger
}

export function createOperations(options: OperationsOptions): Operations {
  const telemetry = createTelemetry(options)
  const stopGcObserver = options.runtime
    ? registerRuntimeMetrics(telemetry.metrics, options.runtime)
    : undefined
  const startedAt = options.now()
  let state: 'starting' | 'ready' | 'draining' = 'starting'
  let view: EngineView | undefined
  let reloads = 0
  let management = options.management
  // /scripting shows and changes the first governed file, or the one ?capability= names
  const scriptingOf = (label: string | undefined): Capability | ScriptingAnswer => {
    const governed = (view?.capabilities ?? []).filter((c) => c.scripting)
    const found = label === undefined ? governed[0] : governed.find((c) => c.label === label)
    if (found !== undefined) return found
    if (governed.length === 0) return NO_SCRIPTING
    return {
      status: 404,
      error: `No capability labelled ${JSON.stringify(label)} declares management.scripting here; these do: ${governed.map((c) => JSON.stringify(c.label)).join(', ')}. Name one with ?capability=<label>.`,
    }
  }
  const adapter = createControlAdapter({
    state: () => state,
    metricsText: () => telemetry.metrics.render(),
    traces: telemetry.traces,
    serves: {
      // read per request: a --watch reload may change the file's observability and management blocks
      get metrics() {
        return telemetry.local.metrics
      },
      get traces() {
        return telemetry.local.traces
      },
      get health() {
        return management?.health !== false
      },
      get status() {
        return management?.info !== false
      },
    },
    scripting: (label) => {
      const cap = scriptingOf(label)
      return 'status' in cap
        ? cap
        : { status: 200, document: scriptingDocument(cap, options.scripts) }
    },
    updateScripting: (patch, by) => {
      const cap = scriptingOf(by.capability)
      if ('status' in cap) return cap
      if (options.scripts === undefined)
        return { status: 404, error: 'Scripting is not available here.' }
      const next = options.scripts.update(cap.scripting!, patch)
      if (typeof next === 'string') return { status: 400, error: next }
      options.audit?.('script governance changed', {
        capability: cap.label,
        file: cap.file,
        changes: patch,
        client: by.client,
        ...(by.principal === undefined ? {} : { principal: by.principal }),
      })
      return { status: 200, document: scriptingDocument(cap, options.scripts) }
    },
    status: () => ({
      state,
      engine: { name: 'capstan', version: options.version ?? '0.1.0', node: process.versions.node },
      uptimeSeconds: Math.round((options.now() - startedAt) / 1000),
      capabilities: (view?.capabilities ?? []).map((c) => ({
        label: c.label,
        file: c.file,
        specVersion: c.version,
      })),
      diagnostics: countDiagnostics(view?.diagnostics ?? []),
      listeners: (view?.host.listeners ?? []).map((l) => ({
        url: l.url,
        port: l.port,
        surfaces: l.surfaces,
      })),
      inFlight: view?.host.inFlight() ?? 0,
      reloads,
      otel: { exporting: telemetry.exporting },
    }),
  })
  telemetry.metrics.gauge('capstan_in_flight_requests', 'Requests being served right now.', () => [
    { labels: {}, value: view?.host.inFlight() ?? 0 },
  ])
  telemetry.metrics.gauge('naftiko_capability_active', 'Loaded capabilities (1 each).', () =>
    (view?.capabilities ?? []).map((c) => ({ labels: { naftiko_capability: c.label }, value: 1 })),
  )
  telemetry.metrics.gauge(
    'capstan_ready',
    '1 when the engine is ready to serve, 0 while starting or draining.',
    () => [{ labels: {}, value: state === 'ready' ? 1 : 0 }],
  )
  // Adapters that report stats (MCP sessions), read at scrape time so the gauge cannot drift.
  const tracked = new Set<HttpAdapter>()
  telemetry.metrics.gauge(
    'capstan_mcp_sessions',
    'Open MCP sessions (2025-11-25 protocol era), per endpoint path.',
    () => {
      const byEndpoint = new Map<string, number>()
      for (const a of tracked)
        for (const s of a.stats?.().sessions ?? [])
          byEndpoint.set(s.endpoint, (byEndpoint.get(s.endpoint) ?? 0) + s.count)
      return [...byEndpoint].map(([endpoint, value]) => ({ labels: { endpoint }, value }))
    },
  )
  const observer: CallObserver = options.observer
    ? {
        onUpstreamStart(info) {
          return [
            telemetry.observer.onUpstreamStart?.(info),
            options.observer!.onUpstreamStart?.(info),
          ]
        },
        onUpstreamEnd(token, info) {
          const [a, b] = token as [unknown, unknown]
          telemetry.observer.onUpstreamEnd?.(a, info)
          options.observer!.onUpstreamEnd?.(b, info)
        },
      }
    : telemetry.observer
  let lone: { close(): Promise<void> } | undefined
  return {
    telemetry,
    observer,
    hostOptions(base) {
      return {
        sampleTrace: telemetry.sampleRoot,
        extraAdapters: (l: ListenerPlan, deps: AdapterDeps): HttpAdapter[] => [
          ...(l.control.length > 0 ? [adapter] : []),
          ...(base.extraAdapters?.(l, deps) ?? []),
        ],
        onRequestEnd: (ctx: RequestContext, status: number, durationMs: number) => {
          telemetry.onRequestEnd(ctx, status, durationMs)
          base.onRequestEnd?.(ctx, status, durationMs)
        },
        wrapAdapter: (a: HttpAdapter, l: ListenerPlan): HttpAdapter => {
          const inner = base.wrapAdapter ? base.wrapAdapter(a, l) : a
          if (!a.stats) return inner
          tracked.add(a)
          return {
            type: inner.type,
            handle: (req, res, ctx) => inner.handle(req, res, ctx),
            describe: () => inner.describe(),
            stats: () => a.stats!(),
            close: async () => {
              tracked.delete(a)
              await inner.close()
            },
          }
        },
      }
    },
    async started(v, o) {
      view = v
      let host = v.host
      const declared = v.capabilities.some((c) => c.exposes.some((e) => e.type === 'control'))
      if (o.controlPort !== undefined && !declared) {
        const bind = o.host ?? '127.0.0.1'
        // Same rule as start-host: no inbound auth on a non-loopback address needs the operator's say-so.
        if (!isLoopback(bind)) {
          const what = `control port (--control-port ${o.controlPort})`
          if (!o.security?.allowUnauthenticated)
            throw new HostPlanError([
              `Refusing to listen on ${bind} without inbound authentication for: ${what}. Declare a control expose with \`authentication\` (--control-port then moves it), bind 127.0.0.1, or pass --allow-unauthenticated.`,
            ])
          o.logger.warn(
            { exposes: [what] },
            `Serving on ${bind} WITHOUT inbound authentication (--allow-unauthenticated): anyone who can reach the port reads /status, /metrics and /traces.`,
          )
        }
        const security = createSecurity(
          o.runtime,
          o.logger,
          {
            host: bind,
            allowedHosts: o.allowedHosts ?? [],
            allowedOrigins: o.allowedOrigins ?? [],
          },
          o.security,
        )
        const l = await startControlListener(adapter, bind, o.controlPort, security.wrap)
        lone = l
        const listener: Listener = {
          port: l.port,
          host: l.host,
          url: l.url,
          surfaces: [{ type: 'control', paths: adapter.describe() }],
          controls: [],
        }
        const inner = host
        host = {
          listeners: [...inner.listeners, listener],
          stdio: inner.stdio,
          inFlight: () => inner.inFlight(),
          close: async () => {
            state = 'draining'
            await inner.close()
            await l.close()
          },
        }
        view = { ...v, host }
      }
      state = 'ready'
      return host
    },
    update(next) {
      if (view) view = { ...view, ...next }
      // the first file declaring each block, as at start
      management = next.capabilities.find((c) => c.management)?.management
      telemetry.configure(next.capabilities.find((c) => c.observability)?.observability)
      reloads++
    },
    draining() {
      state = 'draining'
    },
    async close() {
      stopGcObserver?.()
      state = 'draining'
      await lone?.close()
      await telemetry.close()
    },
  }
}

function countDiagnostics(diagnostics: readonly Diagnostic[]): {
  errors: number
  warnings: number
  infos: number
  valid: boolean
} {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length
  return {
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    valid: !hasErrors(diagnostics),
  }
}

/** GET /scripting: the governance as it stands now (as loaded or as PUT changed it) and the counts. */
function scriptingDocument(
  cap: Capability,
  scripts: OperationsOptions['scripts'],
): Record<string, unknown> {
  const loaded = cap.scripting!
  const governance = scripts?.governance(loaded) ?? loaded
  return {
    capability: cap.label,
    enabled: governance.enabled,
    ...(governance.defaultLocation === undefined
      ? {}
      : { defaultLocation: pathToFileURL(governance.defaultLocation).href }),
    ...(governance.defaultLanguage === undefined
      ? {}
      : { defaultLanguage: governance.defaultLanguage }),
    timeout: governance.timeoutMs,
    statementLimit: governance.statementLimit,
    ...(governance.allowedLanguages === undefined
      ? {}
      : { allowedLanguages: governance.allowedLanguages }),
    stats: scripts?.stats() ?? { totalExecutions: 0, totalErrors: 0, averageDurationMs: 0 },
  }
}
