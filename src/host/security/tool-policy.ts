/**
 * Operator policy over what agents may call: read-only mode, allow/deny lists (names or globs)
 * and an opt-in `confirm: true` argument on destructive tools. Annotations are hints; this enforces.
 */
import type { Input, McpExpose, McpTool, Plan } from '../../model/types.js'
import { globToRegExp, hasGlobChars } from '../../spec/glob-to-regexp.js'

export interface ToolPolicyOptions {
  readonly readOnly?: boolean
  readonly tools?: readonly string[]
  readonly excludeTools?: readonly string[]
  readonly confirmDestructive?: boolean
}

export interface ToolPolicy {
  /** Why a tool is hidden, or undefined when it is served. */
  refuseTool(tool: McpTool): string | undefined
  /** Why a REST operation is refused, or undefined. */
  refuseRoute(op: { name: string; method: string }): string | undefined
  /** Exposes with refused tools removed and destructive tools given a required `confirm`. */
  filterMcp(exposes: readonly McpExpose[]): McpExpose[]
  /** True when calling this plan needs `confirm: true`. */
  needsConfirm(plan: Plan): boolean
}

export const CONFIRM_INPUT: Input = Object.freeze({
  name: 'confirm',
  location: 'argument',
  type: 'boolean',
  required: true,
  inferred: true,
  description:
    'Must be true: this tool makes a destructive change. Ask the user before setting it.',
})

export function createToolPolicy(options: ToolPolicyOptions): ToolPolicy {
  const matcher = (list: readonly string[] | undefined) => {
    if (list === undefined || list.length === 0) return undefined
    const tests = list.map((p) =>
      hasGlobChars(p) ? (n: string) => globToRegExp(p).test(n) : (n: string) => n === p,
    )
    return (name: string) => tests.some((t) => t(name))
  }
  const allow = matcher(options.tools)
  const deny = matcher(options.excludeTools)
  const confirmPlans = new WeakSet<Plan>()
  const byName = (name: string): string | undefined => {
    if (deny?.(name)) return `"${name}" is excluded by --exclude-tools`
    if (allow && !allow(name)) return `"${name}" is not in --tools`
    return undefined
  }
  return {
    refuseTool(tool) {
      if (options.readOnly && tool.hints.readOnly !== true)
        return `"${tool.name}" is not read-only and the server runs with --read-only`
      return byName(tool.name)
    },
    refuseRoute(op) {
      if (options.readOnly && op.method !== 'GET' && op.method !== 'HEAD')
        return `${op.method} operations are disabled: the server runs with --read-only`
      return byName(op.name)
    },
    filterMcp(exposes) {
      return exposes.map((e) => {
        const tools = e.tools
          .filter((t) => this.refuseTool(t) === undefined)
          .map((t) => {
            if (
              !options.confirmDestructive ||
              t.hints.destructive !== true ||
              t.plan.inputs.some((i) => i.name === 'confirm')
            )
              return t
            const plan = { ...t.plan, inputs: [...t.plan.inputs, CONFIRM_INPUT] } as Plan
            confirmPlans.add(plan)
            return { ...t, plan }
          })
        return tools.length === e.tools.length && tools.every((t, i) => t === e.tools[i])
          ? e
          : { ...e, tools }
      })
    },
    needsConfirm(plan) {
      return confirmPlans.has(plan)
    },
  }
}
