/** The runtime entry the MCP adapter calls; injectable so tests can stub the runtime. */
import type { Plan } from '../../model/types.js'
import { invoke } from '../../runtime/invoke.js'
import type { InvokeOptions, InvokeResult, RuntimeDeps } from '../../runtime/types.js'

export type InvokeFn = (
  plan: Plan,
  values: Record<string, unknown>,
  deps: RuntimeDeps,
  options?: InvokeOptions,
) => Promise<InvokeResult>

export const defaultInvoke: InvokeFn = invoke
