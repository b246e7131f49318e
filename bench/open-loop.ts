/**
 * Open-loop load generator child process (argv[2] = JSON spec): issues requests at evenly spaced
 * scheduled times (to ~0.1 ms), whether or not earlier ones have answered, and counts each latency
 * from the request's scheduled time, so a stall shows in the figures instead of slowing the
 * offered rate.
 * autocannon's rate mode is not open loop: each connection sends its per-second quota back to back,
 * then pauses until the next second, which measures latency under bursts at full speed.
 *
 * Like autocannon it writes prebuilt request bytes on plain keep-alive sockets and reads only each
 * response's status and framing (`./response-reader.ts`): with undici's `Pool.request` (a stream and
 * header object per response) it used about two thirds of the CPU the engine under test did, on
 * the same two cores.
 */
import { connect, type Socket } from 'node:net'
import { Worker } from 'node:worker_threads'
import { summarize } from './load-result.js'
import { ResponseReader } from './response-reader.js'

export interface OpenLoopSpec {
  readonly url: string
  readonly rate: number
  /** Seconds of counted requests. */
  readonly duration: number
  /**
   * Seconds at the same rate before counting starts. A cold generator (its own code not yet
   * compiled, its connections not yet open) falls behind its schedule for up to ~1 s; without this
   * the p99 measured the generator's start, not the target.
   */
  readonly warmup?: number
  /** Keep-alive connections available; enough that they never limit the offered rate. */
  readonly connections?: number
  /** Seconds to wait for answers after the last request is sent; the rest count as errors. */
  readonly grace?: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as OpenLoopSpec
const target = new URL(spec.url)
const port = Number(target.port || 80)
const request = Buffer.from(
  `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nAccept: */*\r\n\r\n`,
  'latin1',
)
const maxConnections = spec.connections ?? 64
const uncounted = Math.round(spec.rate * (spec.warmup ?? 2))
const total = uncounted + Math.round(spec.rate * spec.duration)
const interval = 1000 / spec.rate
const latencies = new Float64Array(total - uncounted)
let done = 0
let sent = 0
let errors = 0
let non2xx = 0
let ok = 0
let open = 0
/** Sequence numbers of requests due while every connection was busy, oldest first. */
const waiting: number[] = []
let waitingHead = 0
const idle: Connection[] = []
const start = performance.now() + 20
/**
 * A worker thread wakes the main one at each request's scheduled time and says how many are due:
 * the main thread's timers fire on whole milliseconds, which sent ~3 requests at once at 3,000
 * req/s, and a burst queues in whatever serves it. Both threads read the same monotonic clock.
 */
const PACER = `
const { workerData, parentPort } = require('node:worker_threads')
const { start, interval, total } = workerData
const cell = new Int32Array(new SharedArrayBuffer(4))
for (let next = 0; next < total; next++) {
  const wait = start + next * interval - Number(process.hrtime.bigint()) / 1e6
  if (wait > 0) Atomics.wait(cell, 0, 0, wait)
  parentPort.postMessage(next + 1)
}
`
const countFrom = start + uncounted * interval

/** One keep-alive connection carrying one request at a time. */
class Connection {
  private readonly socket: Socket
  private readonly reader: ResponseReader
  /** Sequence number of the request in flight, or -1. */
  private current = -1
  private closed = false

  constructor() {
    open++
    this.reader = new ResponseReader((status, closes) => this.answered(status, closes))
    this.socket = connect({ port, host: target.hostname, noDelay: true })
    this.socket.on('data', (chunk: Buffer) => {
      try {
        this.reader.feed(chunk)
      } catch {
        this.fail()
      }
    })
    this.socket.on('end', () => {
      this.reader.end()
      this.fail()
    })
    this.socket.on('error', () => this.fail())
    this.socket.on('close', () => this.fail())
  }

  send(sequence: number): void {
    this.current = sequence
    this.socket.write(request)
  }

  destroy(): void {
    this.closed = true
    this.socket.destroy()
  }

  private answered(status: number, closes: boolean): void {
    const sequence = this.current
    this.current = -1
    if (sequence >= uncounted) {
      if (status >= 200 && status < 300)
        latencies[ok++] = performance.now() - (start + sequence * interval)
      else non2xx++
    }
    if (closes) this.fail()
    else release(this)
    settled()
  }

  /** The connection is gone: its request (if any) failed; a queued request gets a new connection. */
  private fail(): void {
    if (this.closed) return
    this.closed = true
    open--
    const index = idle.indexOf(this)
    if (index >= 0) idle.splice(index, 1)
    this.socket.destroy()
    if (this.current >= 0) {
      if (this.current >= uncounted) errors++
      this.current = -1
      settled()
    }
    if (waitingHead < waiting.length && done < total) new Connection().send(waiting[waitingHead++]!)
  }
}

function release(connection: Connection): void {
  if (waitingHead < waiting.length) connection.send(waiting[waitingHead++]!)
  else idle.push(connection)
}

function dispatch(sequence: number): void {
  const connection = idle.pop()
  if (connection) connection.send(sequence)
  else if (open < maxConnections) new Connection().send(sequence)
  else waiting.push(sequence)
}

let finishing = false
function due(count: number): void {
  while (sent < count) dispatch(sent++)
  if (sent === total && !finishing) {
    finishing = true
    void pacer.terminate()
    // a target that never answers must not hold the run: what is still out counts as errors
    setTimeout(giveUp, (spec.grace ?? 10) * 1000).unref()
  }
}
const clockOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now()
const pacer = new Worker(PACER, {
  eval: true,
  workerData: { start: start + clockOffset, interval, total },
})
pacer.on('message', due)
pacer.on('error', (error: Error) => {
  process.stderr.write(`open-loop: the pacer thread failed: ${error.message}\n`)
  process.exit(1)
})

function giveUp(): void {
  errors += total - uncounted - (ok + non2xx + errors)
  report()
}

function settled(): void {
  if (++done === total) report()
}

let reported = false
function report(): void {
  if (reported) return
  reported = true
  const out = summarize(latencies.subarray(0, ok), (performance.now() - countFrom) / 1000, {
    total: total - uncounted,
    errors,
    non2xx,
  })
  for (const connection of idle) connection.destroy()
  process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(0))
}
