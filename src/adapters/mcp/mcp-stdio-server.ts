/**
 * MCP over stdio: newline-delimited JSON-RPC on the given streams, both eras (serveStdio picks
 * per connection). Only protocol goes to stdout; logs go to the injected logger (stderr).
 */
import type { Readable, Writable } from 'node:stream'
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio'
import type { McpExpose } from '../../model/types.js'
import type { AdapterDeps } from '../adapter.js'
import { defaultInvoke, type InvokeFn } from './invoke-fn.js'
import { buildMcpEndpoint } from './mcp-endpoint.js'

export interface McpStdioHandle {
  close(): Promise<void>
}

export interface McpStdioOptions {
  readonly invoke?: InvokeFn
  readonly serverVersion?: string
  /** Called once the input stream ends, so the host can exit promptly. */
  readonly onEnd?: () => void
}

export function createMcpStdioServer(
  exposes: readonly McpExpose[],
  deps: AdapterDeps,
  io: { readonly stdin: Readable; readonly stdout: Writable },
  options: McpStdioOptions = {},
): McpStdioHandle {
  const endpoint = buildMcpEndpoint(exposes, {
    runtime: deps.runtime,
    logger: deps.logger,
    invoke: options.invoke ?? defaultInvoke,
    ...(options.serverVersion === undefined ? {} : { serverVersion: options.serverVersion }),
  })
  const transport = new StdioServerTransport(io.stdin, io.stdout)
  const handle = serveStdio(() => endpoint.createServer(), {
    transport,
    onerror: (error) => deps.logger.warn({ err: error }, 'MCP stdio error'),
  })
  if (options.onEnd !== undefined) io.stdin.once('end', options.onEnd)
  return { close: () => handle.close() }
}
