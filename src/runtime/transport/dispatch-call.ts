/**
 * One upstream exchange over undici's dispatch API. undici's `request()` wraps every response body
 * in a Readable stream; read whole (nearly every call) that stream machinery cost more CPU than
 * the HTTP exchange itself. Here the body is collected as it arrives and only a passthrough asks
 * for a stream. The size cap, pausing the socket while nobody has taken the body yet, and
 * cancellation by the caller's signal are handled here.
 */
import { Readable } from 'node:stream'
import type { IncomingHttpHeaders } from 'node:http'
import type { Dispatcher } from 'undici'
import errors from 'undici/lib/core/errors.js'
import type { ReadBodyOptions, UpstreamBody } from '../types.js'
import { EngineError } from '../../errors.js'
import { overCap, tooLarge } from './body-limits.js'
import { mapTransportError } from './map-transport-error.js'
import type { DeadlineSweep, Watched } from './deadline-sweep.js'

type Controller = Dispatcher.DispatchController

/** Bytes held for a body nobody has taken yet before the socket is paused. */
const UNCLAIMED_HIGH_WATER = 64 * 1024
/** A discarded body is drained (keeping the connection) only while this much more arrives. */
const DRAIN_LIMIT = 128 * 1024

export interface CallLimits {
  readonly maxBytes: number
  readonly operationId: string
  readonly origin: string
  /** From the request's start to its response headers (0 = none). */
  readonly headersTimeoutMs: number
  /** Longest silence while a body arrives, and how long a paused body may wait to be taken. */
  readonly bodyTimeoutMs: number
  /** Times headers and body; undici's own timeouts are off (see deadline-sweep.ts). */
  readonly deadlines: DeadlineSweep
}

export interface ResponseHead {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: UpstreamBody
}

/** Sends one request; resolves at the response headers, rejects (unmapped) if none arrive. */
export function dispatchCall(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  limits: CallLimits,
  signal: AbortSignal | undefined,
): Promise<ResponseHead> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const call = new UpstreamCall(resolve, reject, limits, signal)
    try {
      dispatcher.dispatch(options, call)
    } catch (error) {
      call.onResponseError(undefined, error as Error)
    }
  })
}

class UpstreamCall implements Dispatcher.DispatchHandler, Watched {
  private controller: Controller | undefined
  private body: DispatchBody | undefined
  private settled = false
  deadline = Number.POSITIVE_INFINITY
  prevWatched: Watched | undefined = undefined
  nextWatched: Watched | undefined = undefined
  watched = false
  private readonly onAbort = (): void => {
    this.controller?.abort((this.signal?.reason as Error | undefined) ?? new Error('aborted'))
  }

  constructor(
    private readonly resolve: (head: ResponseHead) => void,
    private readonly reject: (error: unknown) => void,
    private readonly limits: CallLimits,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  onRequestStart(controller: Controller): void {
    this.controller = controller
    if (this.signal?.aborted) this.onAbort()
    else this.limits.deadlines.arm(this, this.limits.headersTimeoutMs)
  }

  onResponseStart(controller: Controller, status: number, headers: IncomingHttpHeaders): void {
    // an informational (1xx) response is followed by the real one
    if (status < 200 || this.settled) return
    this.settled = true
    this.body = new DispatchBody(controller, this.limits, this)
    this.limits.deadlines.arm(this, this.limits.bodyTimeoutMs)
    this.resolve({ status, headers, body: this.body })
  }

  onResponseData(_controller: Controller, chunk: Buffer): void {
    if (this.deadline !== Number.POSITIVE_INFINITY)
      this.limits.deadlines.arm(this, this.limits.bodyTimeoutMs)
    this.body?.push(chunk)
  }

  onResponseEnd(): void {
    this.limits.deadlines.remove(this)
    this.signal?.removeEventListener('abort', this.onAbort)
    this.body?.end()
  }

  /** The sweep found the deadline passed: the errors undici's own timeouts raise. */
  expire(): void {
    this.controller?.abort(
      this.body === undefined ? new errors.HeadersTimeoutError() : new errors.BodyTimeoutError(),
    )
  }

  /** A reader holds the body back: silence is not the upstream's. */
  holdBack(): void {
    this.limits.deadlines.suspend(this)
  }

  /** Reading again: the body timeout counts from now. */
  readAgain(): void {
    if (this.watched) this.limits.deadlines.arm(this, this.limits.bodyTimeoutMs)
  }

  onResponseError(_controller: Controller | undefined, error: Error): void {
    this.limits.deadlines.remove(this)
    this.signal?.removeEventListener('abort', this.onAbort)
    if (this.body !== undefined) this.body.fail(error)
    else if (!this.settled) {
      this.settled = true
      this.reject(error)
    }
  }
}

interface Reader {
  /** Takes the body joined (`bytes`) or as its chunks (`parts`), as `joined` says. */
  readonly resolve: (body: Uint8Array | readonly Uint8Array[]) => void
  readonly reject: (error: unknown) => void
  readonly maxBytes: number
  readonly options: ReadBodyOptions
  readonly joined: boolean
}

/** A response body as it arrives: collected for `bytes()`, pushed to a Readable for `stream()`. */
class DispatchBody implements UpstreamBody {
  private chunks: Buffer[] = []
  private buffered = 0
  private received = 0
  private ended = false
  /** No reader or stream will see anything more (read, failed, cut or discarded). */
  private finished = false
  private error: Error | undefined
  private reader: Reader | undefined
  private readable: Readable | undefined
  private drainFrom = -1
  private taken = false
  private unclaimed: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly controller: Controller,
    private readonly limits: CallLimits,
    private readonly call: UpstreamCall,
  ) {}

  private pause(): void {
    this.controller.pause()
    this.call.holdBack()
  }

  private resume(): void {
    this.call.readAgain()
    this.controller.resume()
  }

  push(chunk: Buffer): void {
    this.received += chunk.length
    if (this.received > this.limits.maxBytes) {
      const { maxBytes, operationId, origin } = this.limits
      this.controller.abort(overCap(maxBytes, operationId, origin))
      return
    }
    if (this.readable !== undefined) {
      if (!this.readable.push(chunk)) this.pause()
      return
    }
    if (this.finished) {
      if (this.drainFrom >= 0 && this.received - this.drainFrom > DRAIN_LIMIT)
        this.stop(new Error('body discarded'))
      return
    }
    this.chunks.push(chunk)
    this.buffered += chunk.length
    if (this.reader !== undefined) {
      if (this.buffered > this.reader.maxBytes) this.overLimit(this.reader)
    } else if (this.buffered >= UNCLAIMED_HIGH_WATER) {
      this.pause()
      // 0 means no body timeout: the body waits for its taker however long that takes
      if (this.limits.bodyTimeoutMs > 0 && this.unclaimed === undefined) {
        this.unclaimed = setTimeout(() => this.abandon(), this.limits.bodyTimeoutMs)
        this.unclaimed.unref()
      }
    }
  }

  end(): void {
    this.ended = true
    if (this.readable !== undefined) this.readable.push(null)
    else if (this.reader !== undefined && !this.finished) {
      this.finished = true
      this.deliver(this.reader)
    }
  }

  fail(cause: Error): void {
    if (this.finished) return
    const { operationId, origin } = this.limits
    const error = mapTransportError(cause, operationId, origin)
    this.error = error
    if (this.readable !== undefined) {
      this.finished = true
      this.readable.destroy(error)
    } else if (this.reader !== undefined) {
      this.finished = true
      this.reader.reject(error)
    }
  }

  bytes(maxBytes: number, options: ReadBodyOptions = {}): Promise<Uint8Array> {
    return this.read(maxBytes, options, true) as Promise<Uint8Array>
  }

  parts(maxBytes: number, options: ReadBodyOptions = {}): Promise<readonly Uint8Array[]> {
    return this.read(maxBytes, options, false) as Promise<readonly Uint8Array[]>
  }

  private read(
    maxBytes: number,
    options: ReadBodyOptions,
    joined: boolean,
  ): Promise<Uint8Array | readonly Uint8Array[]> {
    this.take()
    if (this.error !== undefined) return Promise.reject(this.error)
    return new Promise((resolve, reject) => {
      const reader: Reader = { resolve, reject, maxBytes, options, joined }
      this.reader = reader
      if (this.buffered > maxBytes) this.overLimit(reader)
      else if (this.ended) {
        this.finished = true
        this.deliver(reader)
      } else this.resume()
    })
  }

  /** Hands the whole body to its reader: one copy joining the chunks only when it asked for that. */
  private deliver(reader: Reader): void {
    if (reader.joined || this.chunks.length === 1) {
      const body = this.collected()
      reader.resolve(reader.joined ? body : [body])
      return
    }
    const chunks = this.chunks
    this.chunks = []
    this.buffered = 0
    reader.resolve(chunks)
  }

  stream(): Readable {
    this.take()
    const readable = new Readable({
      read: () => this.resume(),
      destroy: (error, callback) => {
        // the consumer went away before the end: stop the upstream exchange
        if (!this.ended && this.error === undefined) this.stop(error ?? new Error('body closed'))
        callback(error)
      },
    })
    // a body nobody reads yet must not crash the process when it fails; readers still see the error
    readable.on('error', () => undefined)
    this.readable = readable
    for (const chunk of this.chunks) readable.push(chunk)
    this.chunks = []
    this.buffered = 0
    if (this.error !== undefined) readable.destroy(this.error)
    else if (this.ended) readable.push(null)
    return readable
  }

  discard(): void {
    if (this.taken) return
    this.taken = true
    clearTimeout(this.unclaimed)
    this.finished = true
    this.chunks = []
    this.buffered = 0
    if (this.ended || this.error !== undefined) return
    this.drainFrom = this.received
    this.resume()
  }

  private take(): void {
    if (this.taken) throw new Error('An upstream body can be taken only once')
    this.taken = true
    clearTimeout(this.unclaimed)
  }

  /** Nobody took the body in time: release the connection; a late taker gets the error. */
  private abandon(): void {
    if (this.taken || this.finished) return
    const { operationId, origin } = this.limits
    this.error = new EngineError(
      'UPSTREAM_TIMEOUT',
      `Upstream ${operationId} at ${origin}: the response body was not read in time`,
    )
    this.chunks = []
    this.buffered = 0
    this.stop(this.error)
  }

  /** The reader's own limit is passed: its first maxBytes (`truncate`) or UPSTREAM_TOO_LARGE. */
  private overLimit(reader: Reader): void {
    this.finished = true
    const all = this.collected()
    if (!this.ended) this.stop(new Error('body read limit reached'))
    if (reader.options.truncate) {
      const kept = all.subarray(0, reader.maxBytes)
      reader.resolve(reader.joined ? kept : [kept])
    } else reader.reject(tooLarge(reader.maxBytes, reader.options.operationId))
  }

  /** Ends the exchange early; the connection is closed rather than read to its end. */
  private stop(reason: Error): void {
    this.finished = true
    if (!this.ended) this.controller.abort(reason)
  }

  private collected(): Uint8Array {
    const chunks = this.chunks
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.buffered)
    this.chunks = []
    this.buffered = 0
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  }
}
