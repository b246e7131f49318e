/**
 * Swappable adapters for `--watch`: each adapter the host serves sits in a slot whose target a
 * reload replaces atomically; requests already handed to the old target finish on it.
 */
import type { HttpAdapter } from '../../adapters/adapter.js'
import type { ListenerPlan } from '../plan-listeners.js'

export interface AdapterSwitch {
  /** The host's `wrapAdapter` hook: puts the adapter in a slot. */
  wrap(adapter: HttpAdapter, listener: ListenerPlan): HttpAdapter
  /** The keys of the slots, to match a new generation against. */
  keys(): string[]
  /** Replaces every slot's target; returns the replaced adapters, to close once drained. */
  swap(next: ReadonlyMap<string, HttpAdapter>): HttpAdapter[]
}

/** Identifies an adapter across generations by its type and the exposes it serves, not its port. */
export function slotKey(type: string, l: ListenerPlan): string {
  const byType: Readonly<Record<string, readonly { readonly namespace: string }[]>> = {
    rest: l.rest,
    mcp: l.mcp,
    control: l.control,
    skill: l.skill,
  }
  const exposes = byType[type] ?? []
  return `${type} ${exposes
    .map((e) => e.namespace)
    .sort()
    .join(',')}`
}

export function createAdapterSwitch(): AdapterSwitch {
  const slots = new Map<string, { target: HttpAdapter }>()
  return {
    wrap(adapter, listener) {
      const key = slotKey(adapter.type, listener)
      const slot = { target: adapter }
      if (!slots.has(key)) slots.set(key, slot)
      const own = slots.get(key) === slot ? slot : { target: adapter }
      return {
        type: adapter.type,
        handle: (req, res, ctx) => own.target.handle(req, res, ctx),
        describe: () => own.target.describe(),
        close: () => own.target.close(),
      }
    },
    keys: () => [...slots.keys()],
    swap(next) {
      const retired: HttpAdapter[] = []
      for (const [key, slot] of slots) {
        const replacement = next.get(key)
        if (!replacement || replacement === slot.target) continue
        retired.push(slot.target)
        slot.target = replacement
      }
      return retired
    },
  }
}
