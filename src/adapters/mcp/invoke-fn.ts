/** The runtime entry the MCP adapter calls; injectable so tests can stub the runtime. */
import type { Plan } from '../../model/types.js'
import type { InvokeOptions, InvokeResult, RuntimeDeps } from '../../runtime/types.js'

export type InvokeFn = (
  plan: Plan,
  values: Record<string, unknown>,
  deps: RuntimeDeps,
  options?: InvokeOptions,
) => Promise<InvokeResult>

/** Loads the real runtime on first use. */
export const defaultInvoke: InvokeFn = async (plan, values, deps, options) => {
  const mod = (await import(RUNTIME_MODULE)) as { invoke: InvokeFn }
  return mod.invoke(plan, values, deps, options)
}

// Kept in a constant until src/runtime/invoke.ts lands, so type-checking does not depend on it.
const RUNTIME_MODULE = '../../runtime/invoke.js'
