import type { IncomingHttpHeaders } from 'node:http'
import type { Reply } from './http.js'
import type { SandboxState } from './state.js'

/** A request after the server has read and parsed it, before routing. */
export interface IncomingCall {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly body: unknown
  readonly bodyInvalid: boolean
}

export interface EmulatorDeps {
  /** Current state; replaced on reset, so always read it through this function. */
  readonly state: () => SandboxState
  readonly now: () => Date
  readonly newId: () => string
}

/** One emulated upstream, mounted on the shared server by path prefix. */
export interface Emulator {
  readonly name: string
  owns(path: string): boolean
  handle(call: IncomingCall): Reply
}
