/**
 * The hot path of MCP 2026-07-28: a well-formed stateless `tools/call` is answered here, without
 * the SDK's per-request server, web Request/Response objects and schema round trips (about two
 * thirds of a call's CPU). Only a request the SDK would serve without objection qualifies: the
 * SDK's own classifier must call it modern, and the headers, body keys and tool must be exactly
 * what a conforming client sends. Anything else goes to the SDK, which answers it as before.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import {
  classifyInboundRequest,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
} from '@modelcontextprotocol/server'
import type { RequestContext } from '../adapter.js'
import type { McpEndpoint } from './mcp-endpoint.js'
import type { ToolEntry } from './tool-table.js'

export const MODERN_REVISION = '2026-07-28'

const PARAM_KEYS = new Set(['name', 'arguments', '_meta'])
const ENVELOPE_KEYS = new Set([
  PROTOCOL_VERSION_META_KEY,
  CLIENT_INFO_META_KEY,
  CLIENT_CAPABILITIES_META_KEY,
])
const MESSAGE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params'])
/** The SDK decodes an Mcp-Name header of this form; such names are left to it. */
const BASE64_SENTINEL = '=?base64?'
const JSON_TYPE = /^application\/json\s*(;|$)/i

export interface ModernToolCall {
  readonly id: string | number
  readonly entry: ToolEntry
  readonly args: Record<string, unknown> | undefined
}

/** Decided from the headers alone, before the body is read: worth reading the body ourselves. */
export function isModernToolCallCandidate(req: IncomingMessage, maxBodyBytes: number): boolean {
  const headers = req.headers
  if (headers['mcp-method'] !== 'tools/call') return false
  if (headers['mcp-protocol-version'] !== MODERN_REVISION) return false
  if (headers['mcp-session-id'] !== undefined || headers['transfer-encoding'] !== undefined)
    return false
  const length = Number(headers['content-length'])
  if (!(length > 0 && length <= maxBodyBytes)) return false
  return JSON_TYPE.test(headers['content-type'] ?? '')
}

/** The call, when the parsed body is one the SDK would serve as it stands; otherwise undefined. */
export function modernToolCall(
  body: unknown,
  headers: IncomingHttpHeaders,
  tools: ReadonlyMap<string, ToolEntry>,
): ModernToolCall | undefined {
  if (!isPlainObject(body) || !hasOnlyKeys(body, MESSAGE_KEYS)) return undefined
  const { id, params } = body
  if (body.jsonrpc !== '2.0' || body.method !== 'tools/call') return undefined
  if (typeof id !== 'string' && !Number.isSafeInteger(id)) return undefined
  if (!isPlainObject(params) || !hasOnlyKeys(params, PARAM_KEYS)) return undefined
  const { name, arguments: args, _meta: meta } = params
  if (typeof name !== 'string' || name.startsWith(BASE64_SENTINEL)) return undefined
  if (headers['mcp-name'] !== name) return undefined
  if (args !== undefined && !isPlainObject(args)) return undefined
  if (!isPlainObject(meta) || !hasOnlyKeys(meta, ENVELOPE_KEYS)) return undefined
  if (meta[PROTOCOL_VERSION_META_KEY] !== MODERN_REVISION) return undefined
  const entry = tools.get(name)
  if (entry === undefined) return undefined
  // the SDK's own verdict on the envelope (clientInfo, clientCapabilities) and header cross-checks
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    protocolVersionHeader: MODERN_REVISION,
    mcpMethodHeader: 'tools/call',
    mcpNameHeader: name,
    body,
  })
  if (route.kind !== 'modern' || route.messageKind !== 'request') return undefined
  return { id: id as string | number, entry, args }
}

/** Runs the tool and writes the JSON-RPC response the SDK would write, in one piece. */
export async function answerModernToolCall(
  endpoint: McpEndpoint,
  call: ModernToolCall,
  res: ServerResponse,
  ctx: RequestContext,
): Promise<void> {
  // a client that goes away cancels the upstream call, as on the SDK path
  const abort = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) abort.abort()
  })
  const result = await endpoint.callTool(call.entry, call.args, abort.signal, ctx)
  const body = JSON.stringify({
    result: {
      ...result,
      resultType: 'complete',
      _meta: { [SERVER_INFO_META_KEY]: endpoint.info },
    },
    jsonrpc: '2.0',
    id: call.id,
  })
  if (res.destroyed) return
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

/** The whole request body as text; the candidate check has bounded its declared length. */
export function readBodyText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.once('end', () =>
      resolve(
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      ),
    )
    req.once('error', reject)
  })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false
  return true
}
