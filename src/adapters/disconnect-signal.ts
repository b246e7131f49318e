import { setMaxListeners } from 'node:events'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { EngineError } from '../errors.js'

/**
 * The signal a request's upstream calls are cancelled by: one per client connection, aborted when
 * it closes (over HTTP/1.1 a response can only end unfinished with its connection). Shared by the
 * requests of a keep-alive connection instead of an AbortController and a listener per request.
 * `cutByServer` tells whether a close is the server's own doing (shutdown), not the client's.
 */
export function createDisconnectSignals(
  cutByServer: () => boolean = () => false,
): (req: IncomingMessage) => AbortSignal {
  const bySocket = new WeakMap<Socket, AbortSignal>()
  return (req) => {
    const socket = req.socket
    let signal = bySocket.get(socket)
    if (signal !== undefined) return signal
    if (socket.destroyed) return AbortSignal.abort(clientClosed())
    const controller = new AbortController()
    signal = controller.signal
    // a listener that stays: without it each call's removal empties, and reallocates, the
    // signal's listener table (old-generation garbage, as the signal outlives many calls)
    signal.addEventListener('abort', keep)
    // pipelined requests each listen while their upstream call runs: no leak warning for that
    setMaxListeners(0, signal)
    bySocket.set(socket, signal)
    socket.once('close', () => controller.abort(cutByServer() ? shuttingDown() : clientClosed()))
    return signal
  }
}

function keep(): void {}

/** The reason upstream calls are cut with at shutdown: metrics then do not blame the client. */
function shuttingDown(): EngineError {
  return new EngineError(
    'SHUTTING_DOWN',
    'The server is shutting down and closed the connection before the response was complete.',
  )
}

/** The reason upstream calls are cancelled with: metrics and logs then say the client left. */
function clientClosed(): EngineError {
  return new EngineError(
    'CLIENT_CLOSED',
    'The client closed the connection before the response was complete.',
  )
}
