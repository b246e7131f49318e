/**
 * Finds where each HTTP/1.1 response ends in a client connection's byte stream, for the paced load
 * generator: status and framing only (Content-Length, chunked, or until close), no header objects,
 * no body kept. A general client's per-response streams and header maps cost the generator more CPU
 * than the engine it measures spends on some calls, and the generator shares the machine with it.
 */

const CRLFCRLF = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i
const CHUNKED = /\r\ntransfer-encoding:[^\r]*chunked/i
const CLOSE = /\r\nconnection:[^\r]*close/i

const enum State {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
}

/** Called once per complete final response, with its status and whether the server closes after it. */
export type OnResponse = (status: number, closes: boolean) => void

export class ResponseReader {
  private state = State.Head
  /** Head bytes of a head split across chunks (rare: a head is nearly always in one read). */
  private pending: Buffer | null = null
  private remaining = 0
  private line = ''
  private status = 0
  private closes = false

  constructor(private readonly onResponse: OnResponse) {}

  /** Feeds the next bytes read from the connection. Throws on bytes that are not HTTP/1.1. */
  feed(chunk: Buffer): void {
    let data = chunk
    let at = 0
    while (at < data.length) {
      switch (this.state) {
        case State.Head: {
          if (this.pending) {
            data = Buffer.concat([this.pending, data.subarray(at)])
            at = 0
            this.pending = null
          }
          const end = data.indexOf(CRLFCRLF, at)
          if (end < 0) {
            this.pending = Buffer.from(data.subarray(at))
            return
          }
          at = this.startBody(data.toString('latin1', at, end + 2), end + 4)
          break
        }
        case State.Length: {
          const take = Math.min(this.remaining, data.length - at)
          at += take
          this.remaining -= take
          if (this.remaining === 0) this.complete()
          break
        }
        case State.ChunkSize:
        case State.Trailers: {
          const nl = data.indexOf(10, at)
          const stop = nl < 0 ? data.length : nl + 1
          this.line += data.toString('latin1', at, stop)
          at = stop
          if (nl >= 0) this.endLine()
          break
        }
        case State.ChunkData: {
          const take = Math.min(this.remaining, data.length - at)
          at += take
          this.remaining -= take
          if (this.remaining === 0) {
            this.state = State.ChunkDataEnd
            this.remaining = 2
          }
          break
        }
        case State.ChunkDataEnd: {
          const take = Math.min(this.remaining, data.length - at)
          at += take
          this.remaining -= take
          if (this.remaining === 0) this.state = State.ChunkSize
          break
        }
        case State.UntilClose:
          return
      }
    }
  }

  /** The server closed the connection: completes a response framed by the close. */
  end(): void {
    if (this.state === State.UntilClose) this.complete()
  }

  /** Whether bytes of an unfinished response have been read. */
  get midResponse(): boolean {
    return this.state !== State.Head || this.pending !== null
  }

  /** Parses a head (status line and fields, ending in one CRLF); returns where its body starts. */
  private startBody(head: string, bodyAt: number): number {
    if (!head.startsWith('HTTP/1.'))
      throw new Error(`not an HTTP/1.x response: ${head.slice(0, 40)}`)
    this.status = Number(head.slice(9, 12))
    if (this.status >= 100 && this.status < 200) return bodyAt // interim response: next head follows
    this.closes = CLOSE.test(head)
    const length = CONTENT_LENGTH.exec(head)
    if (this.status === 204 || this.status === 304) this.complete()
    else if (CHUNKED.test(head)) this.state = State.ChunkSize
    else if (length) {
      this.remaining = Number(length[1])
      this.state = State.Length
      if (this.remaining === 0) this.complete()
    } else this.state = State.UntilClose
    return bodyAt
  }

  private endLine(): void {
    const line = this.line
    this.line = ''
    if (this.state === State.Trailers) {
      if (line === '\r\n' || line === '\n') this.complete()
      return
    }
    const size = Number.parseInt(line, 16)
    if (Number.isNaN(size)) throw new Error(`bad chunk size line: ${JSON.stringify(line)}`)
    if (size === 0) this.state = State.Trailers
    else {
      this.remaining = size
      this.state = State.ChunkData
    }
  }

  private complete(): void {
    this.state = State.Head
    this.onResponse(this.status, this.closes)
  }
}
