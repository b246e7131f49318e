/**
 * The MCP `tools/call` hot path: a well-formed call (2026-07-28 stateless, or 2025-11-25 on an open
 * session) is answered here, without the SDK's web Request/Response objects, per-request server and
 * schema round trips (most of a call's CPU). Only a request the SDK would serve without objection
 * qualifies: headers, body keys and tool must be exactly what a conforming client sends, and for
 * 2026-07-28 the SDK's own classifier must call it modern. Anything else goes to the SDK.
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
import { hasOnlyKeys, isPlainId, isPlainObject } from './json-shape.js'

export const MODERN_REVISION = '2026-07-28'
export const LEGACY_REVISION = '2025-11-25'

const PARAM_KEYS = new Set(['name', 'arguments', '_meta'])
const LEGACY_PARAM_KEYS = new Set(['name', 'arguments'])
const ENVELOPE_KEYS = new Set([
  PROTOCOL_VERSION_META_KEY,
  CLIENT_INFO_META_KEY,
  CLIENT_CAPABILITIES_META_KEY,
])
export const MESSAGE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params'])
/** The SDK decodes an Mcp-Name header of this form; such names are left to it. */
const BASE64_SENTINEL = '=?base64?'
/** A POST body the MCP endpoint reads: `application/json`, with or without parameters. */
export const JSON_TYPE = /^application\/json\s*(;|$)/i
/** What a body that is not JSON gets, on the hot path and through the SDK alike. */
export const PARSE_ERROR = 'Parse error: the body is not valid JSON'

export interface HotToolCall {
  readonly id: string | number
  readonly entry: ToolEntry
  readonly args: Record<string, unknown> | undefined
}

/** modern: a stateless tools/call; legacy: a message on a session; initialize: opening one. */
export type HotPathEra = 'modern' | 'legacy' | 'initialize'

/** Decided from the headers alone, before the body is read: worth reading the body ourselves. */
export function hotPathCandidate(
  req: IncomingMessage,
  maxBodyBytes: number,
): HotPathEra | undefined {
  const headers = req.headers
  if (headers['transfer-encoding'] !== undefined) return undefined
  const length = Number(headers['content-length'])
  if (!(length > 0 && length <= maxBodyBytes)) return undefined
  if (!JSON_TYPE.test(headers['content-type'] ?? '')) return undefined
  const version = headers['mcp-protocol-version']
  const session = headers['mcp-session-id']
  if (version === MODERN_REVISION) {
    return session === undefined && headers['mcp-method'] === 'tools/call' ? 'modern' : undefined
  }
  if (version !== undefined && version !== LEGACY_REVISION) return undefined
  if (headers['mcp-method'] !== undefined || headers['mcp-name'] !== undefined) return undefined
  // the SDK's session transport answers 406 unless both are accepted
  const accept = headers.accept ?? ''
  if (!(accept.includes('application/json') && accept.includes('text/event-stream')))
    return undefined
  if (session === undefined) return 'initialize'
  return version === LEGACY_REVISION ? 'legacy' : undefined
}

/** A 2025-11-25 call on a session, when the body is one the SDK would serve as it stands. */
export function legacyToolCall(
  body: unknown,
  tools: ReadonlyMap<string, ToolEntry>,
): HotToolCall | undefined {
  const message = toolCallMessage(body, LEGACY_PARAM_KEYS)
  if (message === undefined) return undefined
  const entry = tools.get(message.name)
  return entry === undefined ? undefined : { id: message.id, entry, args: message.args }
}

/** A 2026-07-28 call, when the parsed body is one the SDK would serve as it stands. */
export function modernToolCall(
  body: unknown,
  headers: IncomingHttpHeaders,
  tools: ReadonlyMap<string, ToolEntry>,
): HotToolCall | undefined {
  const message = toolCallMessage(body, PARAM_KEYS)
  if (message === undefined) return undefined
  const { id, name, args, params } = message
  if (name.startsWith(BASE64_SENTINEL) || headers['mcp-name'] !== name) return undefined
  const meta = params._meta
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
  return { id, entry, args }
}

/** A JSON-RPC `tools/call` request with only the expected members and params keys. */
function toolCallMessage(
  body: unknown,
  paramKeys: ReadonlySet<string>,
):
  | {
      id: string | number
      name: string
      args: Record<string, unknown> | undefined
      params: Record<string, unknown>
    }
  | undefined {
  if (!isPlainObject(body) || !hasOnlyKeys(body, MESSAGE_KEYS)) return undefined
  const { id, params } = body
  if (body.jsonrpc !== '2.0' || body.method !== 'tools/call') return undefined
  if (!isPlainId(id)) return undefined
  if (!isPlainObject(params) || !hasOnlyKeys(params, paramKeys)) return undefined
  const { name, arguments: args } = params
  if (typeof name !== 'string' || (args !== undefined && !isPlainObject(args))) return undefined
  return { id, name, args, params }
}

/**
 * Runs the tool (a client that goes away aborts `signal`, cancelling the upstream call, as on the
 * SDK path) and writes the JSON-RPC response the SDK would write, in one piece: 2026-07-28
 * results carry `resultType` and the server's identity; 2025-11-25 ones answer on the session.
 */
export async function answerToolCall(
  endpoint: McpEndpoint,
  call: HotToolCall,
  res: ServerResponse,
  ctx: RequestContext,
  signal: AbortSignal,
  sessionId?: string,
): Promise<void> {
  const result = await endpoint.callTool(call.entry, call.args, signal, ctx)
  const stamped =
    sessionId === undefined
      ? { ...result, resultType: 'complete', _meta: { [SERVER_INFO_META_KEY]: endpoint.info } }
      : result
  if (!res.destroyed) writeRpcResult(res, call.id, stamped, sessionId)
}

/** A JSON-RPC result written as the SDK's JSON answer, in one piece with its length. */
export function writeRpcResult(
  res: ServerResponse,
  id: string | number,
  result: unknown,
  sessionId?: string,
): void {
  const body = JSON.stringify({ result, jsonrpc: '2.0', id })
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  }
  if (sessionId !== undefined) headers['mcp-session-id'] = sessionId
  res.writeHead(200, headers)
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
