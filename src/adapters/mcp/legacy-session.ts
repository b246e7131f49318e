/**
 * A 2025-11-25 session. Opened by the SDK (any initialize the hot path leaves to it) it holds its
 * SDK server and transport from the start; opened by the handshake hot path it builds them only
 * when a request needs the SDK, replaying the recorded handshake so the server is in the state the
 * client put it in. Until then it costs a few hundred bytes.
 */
import { WebStandardStreamableHTTPServerTransport, type Server } from '@modelcontextprotocol/server'
import type { SessionHandle } from './session-store.js'
import { LEGACY_REVISION } from './tool-call-hot-path.js'

export interface LegacySession extends SessionHandle {
  /** The revision the client asked for in initialize (the SDK accepts every one it supports). */
  readonly version: unknown
  /** True once closed: by expiry, eviction, DELETE or shutdown. */
  readonly closed: boolean
  /** True while no SDK server has been built (only hot-path requests so far). */
  readonly dormant: boolean
  /** Notes `notifications/initialized` for a dormant session, replayed if it is ever built. */
  noteInitialized(): void
  /** The SDK transport of the session, built on first use. */
  transport(): Promise<WebStandardStreamableHTTPServerTransport>
}

export interface LegacySessionDeps {
  readonly createServer: () => Server
  /** The SDK closed the session (a DELETE): forget it. */
  readonly onClosed: (id: string) => void
}

/** A session whose server and transport the SDK built while answering its initialize. */
export function sdkSession(
  server: Server,
  transport: WebStandardStreamableHTTPServerTransport,
  version: unknown,
): LegacySession {
  let closed = false
  const ready = Promise.resolve(transport)
  return {
    version,
    get closed() {
      return closed
    },
    dormant: false,
    noteInitialized() {},
    transport: () => ready,
    async close() {
      closed = true
      await transport.close()
      await server.close()
    },
  }
}

const REPLAY_HEADERS = {
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
}
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' }

/**
 * A session opened by the handshake hot path: its SDK server is built on first need. A class, and
 * the initialize kept as the text received, because thousands may be held (or abandoned) at once.
 */
export class DormantSession implements LegacySession {
  readonly version = LEGACY_REVISION
  closed = false
  private initialized = false
  private built: Promise<Built> | undefined

  constructor(
    private readonly id: string,
    /** The initialize request body as received; it passed the SDK's schema before it was answered. */
    private readonly initialize: string,
    private readonly deps: LegacySessionDeps,
  ) {}

  get dormant(): boolean {
    return this.built === undefined
  }

  noteInitialized(): void {
    this.initialized = true
  }

  async transport(): Promise<WebStandardStreamableHTTPServerTransport> {
    const built = (this.built ??= this.build())
    try {
      return (await built).transport
    } catch (error) {
      // a failed build is not kept: the session's next request tries again
      if (this.built === built) this.built = undefined
      throw error
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const built = await this.built?.catch(() => undefined)
    if (built === undefined) return
    await built.transport.close()
    await built.server.close()
  }

  private async build(): Promise<Built> {
    const server = this.deps.createServer()
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => this.id,
      enableJsonResponse: true,
      onsessionclosed: this.deps.onClosed,
    })
    try {
      await server.connect(transport)
      await replay(transport, JSON.parse(this.initialize) as object, REPLAY_HEADERS, 200)
      if (this.initialized) {
        const headers = { ...REPLAY_HEADERS, 'mcp-session-id': this.id }
        await replay(transport, INITIALIZED, headers, 202)
      }
    } catch (error) {
      await transport.close().catch(() => undefined)
      await server.close().catch(() => undefined)
      throw error
    }
    return { server, transport }
  }
}

interface Built {
  readonly server: Server
  readonly transport: WebStandardStreamableHTTPServerTransport
}

/** Feeds a recorded message to a fresh session transport; its answer was already sent. */
async function replay(
  transport: WebStandardStreamableHTTPServerTransport,
  message: object,
  headers: Record<string, string>,
  expected: number,
): Promise<void> {
  const request = new Request('http://127.0.0.1/mcp', { method: 'POST', headers })
  const response = await transport.handleRequest(request, { parsedBody: message })
  const text = await response.text()
  // the message passed the hot path's checks, held to the SDK's by a test: a refusal is a bug
  const refused = text !== '' && (JSON.parse(text) as { error?: unknown }).error !== undefined
  if (response.status !== expected || refused)
    throw new Error(`MCP session replay answered HTTP ${response.status}: ${text.slice(0, 200)}`)
}
