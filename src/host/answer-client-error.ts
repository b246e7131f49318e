/** What a listener sends when Node's HTTP parser gives up on a connection (`clientError`). */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

const ANSWERS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
}

/** The Node internals read here: the connection's response, and the request its parser is on. */
interface HttpSocket {
  _httpMessage?: { headersSent?: boolean } | null
  parser?: { incoming?: { complete?: boolean } | null } | null
}

/**
 * Answers the broken request and closes the connection, as Node's own handler does (431, 413, 408
 * or 400). Returns the status sent, or undefined when nothing could be: a response already under
 * way, or already sent for a request whose body is still arriving, must not be followed by a
 * second one (the client would take it for the answer to its next request), so the connection is
 * only closed.
 */
export function answerClientError(error: Error, socket: Duplex): number | undefined {
  // Node's in-flight response for this connection (the same field its default handler reads)
  const { _httpMessage: inFlight, parser } = socket as HttpSocket
  const answeredBeforeBody = inFlight == null && parser?.incoming?.complete === false
  if (!socket.writable || inFlight?.headersSent === true || answeredBeforeBody) {
    socket.destroy()
    return undefined
  }
  const status = ANSWERS[(error as NodeJS.ErrnoException).code ?? ''] ?? 400
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
  )
  return status
}
