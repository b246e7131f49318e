/**
 * One MCP endpoint (all exposes of a port, or one namespace): its catalog is built once; each
 * request, session or stdio connection gets a cheap SDK `Server` that only wires references.
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  Server,
} from '@modelcontextprotocol/server'
import type { Logger } from 'pino'
import type { McpExpose } from '../../model/types.js'
import type { RuntimeDeps } from '../../runtime/types.js'
import type { RequestContext } from '../adapter.js'
import { createSchemaCompiler } from './argument-validator.js'
import { callTool, type CallToolDeps } from './call-tool.js'
import type { InvokeFn } from './invoke-fn.js'
import { buildPromptCatalog, type PromptCatalog } from './prompt-catalog.js'
import { createRedactor } from './redactor.js'
import { buildResourceCatalog, readResourceFile, type ResourceCatalog } from './resource-catalog.js'
import { buildToolTable, type ToolEntry, type ToolTable } from './tool-table.js'
import { sanitizeBody, stripControl, type ToolResult } from './tool-result.js'
import { isEngineError, UpstreamError } from '../../errors.js'

export interface McpEndpoint {
  readonly namespaces: readonly string[]
  readonly tools: ToolTable
  /** serverInfo: the identity stamped on every result. */
  readonly info: { readonly name: string; readonly version: string }
  /** tools/call outside an SDK server (the tools/call hot path, both eras); never throws. */
  callTool(
    entry: ToolEntry,
    args: unknown,
    signal: AbortSignal | undefined,
    ctx: RequestContext | undefined,
  ): Promise<ToolResult>
  /** What the SDK answers a 2025-era initialize that asked for `protocolVersion` (which it supports). */
  initializeResult(protocolVersion: string): Record<string, unknown>
  createServer(): Server
}

export interface EndpointDeps {
  readonly runtime: RuntimeDeps
  readonly logger: Logger
  readonly invoke: InvokeFn
  readonly serverVersion?: string
}

/** Where the HTTP adapter hides the request context so handlers can fill log fields. */
export const CONTEXT_KEY = 'capstanRequestContext'

export function buildMcpEndpoint(exposes: readonly McpExpose[], deps: EndpointDeps): McpEndpoint {
  const tools = buildToolTable(exposes, createSchemaCompiler())
  const resources = buildResourceCatalog(exposes)
  const prompts = buildPromptCatalog(exposes)
  const callDeps: CallToolDeps = {
    runtime: deps.runtime,
    logger: deps.logger,
    invoke: deps.invoke,
    redact: createRedactor(deps.runtime.secrets),
  }
  const namespaces = exposes.map((e) => e.namespace)
  const info = { name: namespaces.join('+') || 'capstan', version: deps.serverVersion ?? '1.0.0' }
  const descriptions = exposes
    .map((e) => e.description)
    .filter((d): d is string => d !== undefined && d !== '')
  const instructions = descriptions.length > 0 ? descriptions.join('\n\n') : undefined
  const capabilities: Record<string, object> = { tools: {} }
  if (!resources.isEmpty) capabilities.resources = {}
  if (!prompts.isEmpty) capabilities.prompts = {}
  return {
    namespaces,
    tools,
    info,
    callTool: (entry, args, signal, ctx) => callTool(entry, args, callDeps, signal, ctx),
    initializeResult: (protocolVersion) =>
      instructions === undefined
        ? { protocolVersion, capabilities, serverInfo: info }
        : { protocolVersion, capabilities, serverInfo: info, instructions },
    createServer() {
      const server = new Server(
        info,
        instructions === undefined ? { capabilities } : { capabilities, instructions },
      )
      wire(server, tools, resources, prompts, callDeps)
      return server
    },
  }
}

function wire(
  server: Server,
  tools: ToolTable,
  resources: ResourceCatalog,
  prompts: PromptCatalog,
  deps: CallToolDeps,
): void {
  server.setRequestHandler('tools/list', () => ({ tools: tools.definitions as never }))
  server.setRequestHandler('tools/call', async (request, ctx) => {
    const name = request.params.name
    const entry = tools.byName.get(name)
    if (entry === undefined)
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`)
    const result = await callTool(
      entry,
      request.params.arguments,
      deps,
      ctx.mcpReq.signal,
      contextOf(ctx),
    )
    if (result.isError) return result as never
    return server.projectCallToolResult(result as never, entry.definition.outputSchema) as never
  })
  if (!resources.isEmpty) {
    server.setRequestHandler('resources/list', async () => ({
      resources: (await resources.list()) as never,
    }))
    server.setRequestHandler('resources/templates/list', () => ({
      resourceTemplates: resources.templates() as never,
    }))
    server.setRequestHandler('resources/read', async (request, ctx) => {
      const uri = request.params.uri
      const match = resources.match(uri)
      if (match === undefined) throw new ResourceNotFoundError(uri, `Unknown resource URI: ${uri}`)
      if (match.kind === 'invalid')
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, match.reason)
      if (match.kind === 'file') {
        let text: string
        try {
          text = await readResourceFile(match)
        } catch {
          throw new ResourceNotFoundError(uri, `Resource not readable: ${uri}`)
        }
        return { contents: [{ uri, mimeType: match.mimeType, text }] }
      }
      const reqCtx = contextOf(ctx)
      try {
        const options =
          reqCtx === undefined
            ? { signal: ctx.mcpReq.signal }
            : {
                signal: ctx.mcpReq.signal,
                traceparent: reqCtx.traceparent,
                trace: reqCtx.trace,
                spans: reqCtx.spans,
              }
        const result = await deps.invoke(match.plan, match.values, deps.runtime, options)
        const text =
          result.kind === 'value'
            ? typeof result.value === 'string'
              ? result.value
              : (JSON.stringify(result.value) ?? 'null')
            : ''
        return { contents: [{ uri, mimeType: match.mimeType, text }] }
      } catch (error) {
        throw new ProtocolError(
          ProtocolErrorCode.InternalError,
          deps.redact(describeResourceError(error, uri, deps)),
        )
      }
    })
  }
  if (!prompts.isEmpty) {
    server.setRequestHandler('prompts/list', () => ({ prompts: prompts.list() as never }))
    server.setRequestHandler('prompts/get', async (request) => {
      const name = request.params.name
      let outcome
      try {
        outcome = await prompts.get(name, request.params.arguments ?? {})
      } catch {
        throw new ProtocolError(ProtocolErrorCode.InternalError, `Prompt ${name} could not be read`)
      }
      if (outcome.kind === 'unknown')
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${name}`)
      if (outcome.kind === 'missing') {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Argument \`${outcome.argument}\` is required`,
        )
      }
      return outcome.description === undefined
        ? { messages: outcome.messages }
        : { description: outcome.description, messages: outcome.messages }
    })
  }
}

function describeResourceError(error: unknown, uri: string, deps: CallToolDeps): string {
  if (error instanceof UpstreamError)
    return `Upstream returned HTTP ${error.status} for ${uri}: ${sanitizeBody(error.body, 2048)}`
  if (isEngineError(error)) return `Reading ${uri} failed: ${stripControl(error.message)}`
  deps.logger.error({ err: error, uri }, 'resource read failed unexpectedly')
  return `Internal error while reading ${uri}`
}

function contextOf(ctx: {
  http?: { authInfo?: { extra?: Record<string, unknown> } }
}): RequestContext | undefined {
  return ctx.http?.authInfo?.extra?.[CONTEXT_KEY] as RequestContext | undefined
}
