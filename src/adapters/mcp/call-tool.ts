/**
 * tools/call for one endpoint: validate arguments against the compiled schema, run the plan,
 * map the outcome. Unknown tools are the caller's protocol error; everything else is a result.
 */
import type { Logger } from 'pino'
import type { RequestContext } from '../adapter.js'
import type { RuntimeDeps } from '../../runtime/types.js'
import type { InvokeFn } from './invoke-fn.js'
import type { ToolEntry } from './tool-table.js'
import { errorToToolResult, textResult, toToolResult, type ToolResult } from './tool-result.js'
import { UpstreamError } from '../../errors.js'

export interface CallToolDeps {
  readonly runtime: RuntimeDeps
  readonly logger: Logger
  readonly invoke: InvokeFn
  readonly redact: (text: string) => string
}

export async function callTool(
  entry: ToolEntry,
  rawArgs: unknown,
  deps: CallToolDeps,
  signal: AbortSignal | undefined,
  ctx: RequestContext | undefined,
): Promise<ToolResult> {
  const name = entry.tool.name
  if (ctx !== undefined) ctx.fields.tool = name
  const args = rawArgs === undefined || rawArgs === null ? {} : rawArgs
  if (typeof args !== 'object' || Array.isArray(args))
    return textResult('Arguments must be a JSON object', true)
  const problem = entry.validate(args as Record<string, unknown>)
  if (problem !== undefined) return textResult(problem, true)
  try {
    const options =
      ctx === undefined
        ? { signal, allowStream: true }
        : {
            signal,
            traceparent: ctx.traceparent,
            trace: ctx.trace,
            spans: ctx.spans,
            allowStream: true,
          }
    const result = await deps.invoke(
      entry.tool.plan,
      args as Record<string, unknown>,
      deps.runtime,
      options,
    )
    if (ctx !== undefined && entry.tool.plan.kind !== 'mock')
      ctx.fields.upstreamStatus = result.status
    return await toToolResult(result)
  } catch (error) {
    if (ctx !== undefined && error instanceof UpstreamError)
      ctx.fields.upstreamStatus = error.status
    const mapped = errorToToolResult(error, deps.redact)
    if (mapped !== undefined) return mapped
    // A bug, not a failed call: log it for the operator, tell the agent nothing internal.
    deps.logger.error({ err: error, tool: name }, 'tool call failed unexpectedly')
    return textResult(
      `Internal error while running tool ${name}${ctx === undefined ? '' : ` (request ${ctx.id})`}`,
      true,
    )
  }
}
