import { describe, it, expect } from 'vitest'
import { PassThrough } from 'node:stream'
import { answerClientError } from './answer-client-error.js'

/** A connection as the server sees it: what is written to it, and whether it was cut. */
function connection(inFlight?: { headersSent: boolean }, incoming?: { complete: boolean }) {
  const socket = new PassThrough()
  let written = ''
  socket.on('data', (d: Buffer) => (written += String(d)))
  Object.assign(socket, { _httpMessage: inFlight ?? null, parser: { incoming: incoming ?? null } })
  return { socket, written: () => written }
}

const failure = (code?: string) => Object.assign(new Error('parse error'), { code })

describe('answerClientError', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'Request Timeout'],
    ['HPE_HEADER_OVERFLOW', 431, 'Request Header Fields Too Large'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'Payload Too Large'],
    ['HPE_INVALID_METHOD', 400, 'Bad Request'],
    [undefined, 400, 'Bad Request'],
  ])('answers %s with %i and closes the connection', async (code, status, reason) => {
    const { socket, written } = connection()
    expect(answerClientError(failure(code), socket)).toBe(status)
    await new Promise((resolve) => socket.once('end', resolve))
    expect(written()).toBe(
      `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
    )
  })

  it('sends nothing after a response already under way, and only cuts the connection', () => {
    const { socket, written } = connection({ headersSent: true })
    expect(answerClientError(failure('ERR_HTTP_REQUEST_TIMEOUT'), socket)).toBeUndefined()
    expect(socket.destroyed).toBe(true)
    expect(written()).toBe('')
  })

  it('answers when the response in flight has not started yet', () => {
    const { socket } = connection({ headersSent: false })
    expect(answerClientError(failure('ERR_HTTP_REQUEST_TIMEOUT'), socket)).toBe(408)
  })

  it('sends nothing when the request was answered and its body is still arriving', () => {
    const { socket, written } = connection(undefined, { complete: false })
    expect(answerClientError(failure('ERR_HTTP_REQUEST_TIMEOUT'), socket)).toBeUndefined()
    expect(socket.destroyed).toBe(true)
    expect(written()).toBe('')
  })
})
