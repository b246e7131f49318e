/**
 * Finds each request in a server connection's byte stream, for the benchmark upstream: the
 * request line's path and the body's length (skipped), nothing else. node:http's per-request
 * objects and streams cost the upstream more CPU than the fixed answers it sends, and it shares two
 * cores with the engine under test.
 */

const CRLFCRLF = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i
const TRANSFER_ENCODING = /\r\ntransfer-encoding:/i
/** Longest request head accepted (node:http's default limit is 16 KiB). */
const MAX_HEAD = 16 * 1024

/** Called for each complete request (its body skipped), with its request-target. */
export type OnRequest = (target: string) => void

export class RequestReader {
  private pending: Buffer | null = null
  /** Body bytes of the current request still to skip. */
  private skip = 0

  constructor(private readonly onRequest: OnRequest) {}

  /** Feeds the next bytes read. Throws on a request this reader does not frame (the caller closes). */
  feed(chunk: Buffer): void {
    let data = chunk
    let at = 0
    while (at < data.length) {
      if (this.skip > 0) {
        const take = Math.min(this.skip, data.length - at)
        at += take
        this.skip -= take
        continue
      }
      if (this.pending) {
        data = Buffer.concat([this.pending, data.subarray(at)])
        at = 0
        this.pending = null
      }
      const end = data.indexOf(CRLFCRLF, at)
      if (end < 0) {
        if (data.length - at > MAX_HEAD) throw new Error('request head too large')
        this.pending = Buffer.from(data.subarray(at))
        return
      }
      const head = data.toString('latin1', at, end + 2)
      at = end + 4
      if (TRANSFER_ENCODING.test(head)) throw new Error('chunked request bodies are not supported')
      const lineEnd = head.indexOf('\r\n')
      const [, target, version] = head.slice(0, lineEnd).split(' ')
      if (target === undefined || !version?.startsWith('HTTP/1.'))
        throw new Error(`not an HTTP/1.x request line: ${head.slice(0, Math.min(lineEnd, 60))}`)
      const length = CONTENT_LENGTH.exec(head)
      this.skip = length ? Number(length[1]) : 0
      this.onRequest(target)
    }
  }
}
