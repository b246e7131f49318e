/**
 * `--watch` reloads: load the changed files; when they are valid and keep the same surfaces and
 * inbound authentication, build a new generation of adapters and swap them in. Anything else
 * keeps the running version and reports why.
 */
import { hasErrors, type Diagnostic } from '../../diagnostics.js'
import type { Capability } from '../../model/types.js'
import type { HttpAdapter } from '../../adapters/adapter.js'
import type { ListenerPlan } from '../plan-listeners.js'
import { planListeners, type PortOverrides } from '../plan-listeners.js'
import type { Host } from '../start-host.js'
import { slotKey, type AdapterSwitch } from './adapter-switch.js'

export type ReloadOutcome =
  | {
      readonly kind: 'reloaded'
      readonly capabilities: readonly Capability[]
      readonly diagnostics: readonly Diagnostic[]
    }
  | {
      readonly kind: 'rejected'
      readonly reason: string
      readonly diagnostics: readonly Diagnostic[]
    }

export interface ReloaderDeps {
  readonly adapters: AdapterSwitch
  readonly overrides: PortOverrides
  readonly load: () => Promise<{
    capabilities: readonly Capability[]
    diagnostics: readonly Diagnostic[]
  }>
  /** Starts the new generation's host on throwaway ports; its adapters go through `capture`. */
  readonly startGeneration: (
    capabilities: readonly Capability[],
    capture: (adapter: HttpAdapter, listener: ListenerPlan) => HttpAdapter,
  ) => Promise<Host>
  /** How long replaced adapters stay open for the requests they already took. */
  readonly graceMs: number
  readonly onOutcome: (outcome: ReloadOutcome) => void
}

export interface Reloader {
  reload(current: readonly Capability[]): Promise<ReloadOutcome>
  close(): Promise<void>
}

export function createReloader(deps: ReloaderDeps): Reloader {
  const retiring = new Set<HttpAdapter>()
  const timers = new Set<NodeJS.Timeout>()
  let queue: Promise<unknown> = Promise.resolve()
  const run = async (current: readonly Capability[]): Promise<ReloadOutcome> => {
    const loaded = await deps.load()
    if (hasErrors(loaded.diagnostics))
      return {
        kind: 'rejected',
        reason: 'the changed files have errors; the running version is kept',
        diagnostics: loaded.diagnostics,
      }
    const before = shape(current, deps.overrides)
    const after = shape(loaded.capabilities, deps.overrides)
    if (before !== after)
      return {
        kind: 'rejected',
        reason:
          'ports, surfaces or inbound authentication changed; restart capstan to apply them (the running version is kept)',
        diagnostics: loaded.diagnostics,
      }
    const captured = new Map<string, HttpAdapter>()
    let generation: Host
    try {
      generation = await deps.startGeneration(loaded.capabilities, (adapter, listener) => {
        captured.set(slotKey(adapter.type, listener), adapter)
        // The generation's host closes only its sockets; the captured adapter lives on in the slot.
        return {
          type: adapter.type,
          handle: (req, res, ctx) => adapter.handle(req, res, ctx),
          describe: () => adapter.describe(),
          close: async () => {},
        }
      })
    } catch (error) {
      return {
        kind: 'rejected',
        reason: `${(error as Error).message} (the running version is kept)`,
        diagnostics: loaded.diagnostics,
      }
    }
    await generation.close()
    const missing = deps.adapters
      .keys()
      .filter((k) => !captured.has(k) && (k.startsWith('rest ') || k.startsWith('mcp ')))
    if (missing.length > 0) {
      for (const a of captured.values()) await a.close()
      return {
        kind: 'rejected',
        reason: `the new version does not serve ${missing.join('; ')}; restart capstan to apply it`,
        diagnostics: loaded.diagnostics,
      }
    }
    for (const old of deps.adapters.swap(captured)) {
      retiring.add(old)
      const t = setTimeout(() => {
        timers.delete(t)
        retiring.delete(old)
        void old.close()
      }, deps.graceMs)
      t.unref()
      timers.add(t)
    }
    return { kind: 'reloaded', capabilities: loaded.capabilities, diagnostics: loaded.diagnostics }
  }
  return {
    reload(current) {
      // One reload at a time: a burst of saves is applied in order.
      const next = queue
        .then(() => run(current))
        .then((outcome) => {
          deps.onOutcome(outcome)
          return outcome
        })
      queue = next.catch(() => undefined)
      return next
    },
    async close() {
      await queue
      for (const t of timers) clearTimeout(t)
      await Promise.all([...retiring].map((a) => a.close()))
      retiring.clear()
    },
  }
}

/** What a reload may not change without a restart: which surfaces listen where, and who may call them. */
function shape(capabilities: readonly Capability[], overrides: PortOverrides): string {
  const plan = planListeners(capabilities, overrides)
  return JSON.stringify(
    plan.listeners
      .map((l) => ({
        port: l.port,
        rest: l.rest.map((e) => [e.namespace, e.authentication ?? null]),
        mcp: l.mcp.map((e) => [e.namespace, e.authentication ?? null]),
        control: l.control.map((e) => e.namespace),
      }))
      .sort((a, b) => a.port - b.port),
  )
}
