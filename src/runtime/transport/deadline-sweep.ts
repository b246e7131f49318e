/**
 * Headers and body timeouts for in-flight upstream calls, checked by one periodic sweep instead of
 * a timer per call. undici's own timeouts allocate a timer object per request that its timer list
 * keeps for up to a second after the call ends, so every call left it in V8's old generation:
 * about 70% of the old-space growth under sustained load. Here a call is an entry in an intrusive
 * list (links live on the call object itself), so watching one allocates nothing.
 */

/** A call the sweep watches; the fields are the sweep's, the call only implements `expire`. */
export interface Watched {
  /** When the call times out (clock ms); `Infinity` while it is not timed (a paused body). */
  deadline: number
  prevWatched: Watched | undefined
  nextWatched: Watched | undefined
  /** Whether the call is in the list. */
  watched: boolean
  /** The deadline passed: end the call with a timeout error. */
  expire(): void
}

/** Timeouts are checked every tenth of the shortest one, between these bounds. */
const MIN_PERIOD_MS = 5
const MAX_PERIOD_MS = 1_000

export class DeadlineSweep {
  private head: Watched | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private running = false
  private readonly periodMs: number

  /** `timeoutsMs`: the timeouts the calls will use (0 = none); they set the sweep's precision. */
  constructor(
    timeoutsMs: readonly number[],
    readonly now: () => number,
  ) {
    const shortest = Math.min(...timeoutsMs.filter((t) => t > 0))
    this.periodMs = Number.isFinite(shortest)
      ? Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, Math.floor(shortest / 10)))
      : MAX_PERIOD_MS
  }

  /** Starts (or restarts) timing a call: it expires `timeoutMs` from now; 0 = never. */
  arm(call: Watched, timeoutMs: number): void {
    call.deadline = timeoutMs > 0 ? this.now() + timeoutMs : Number.POSITIVE_INFINITY
    if (call.watched) return
    call.watched = true
    call.prevWatched = undefined
    call.nextWatched = this.head
    if (this.head !== undefined) this.head.prevWatched = call
    this.head = call
    this.start()
  }

  /** Stops timing a call until it is armed again (a body paused by its reader). */
  suspend(call: Watched): void {
    call.deadline = Number.POSITIVE_INFINITY
  }

  /** Forgets a call (it ended or failed). */
  remove(call: Watched): void {
    if (!call.watched) return
    call.watched = false
    const { prevWatched: prev, nextWatched: next } = call
    if (prev !== undefined) prev.nextWatched = next
    else this.head = next
    if (next !== undefined) next.prevWatched = prev
    call.prevWatched = undefined
    call.nextWatched = undefined
  }

  /** Stops the sweep timer; calls still watched are no longer timed. */
  close(): void {
    clearTimeout(this.timer)
    this.running = false
    this.head = undefined
  }

  private start(): void {
    if (this.running) return
    this.running = true
    // one timer for the transport's life, re-armed with refresh(): no allocation per period
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.sweep(), this.periodMs)
      this.timer.unref()
    } else this.timer.refresh()
  }

  private sweep(): void {
    this.running = false
    const now = this.now()
    let call = this.head
    while (call !== undefined) {
      const next = call.nextWatched
      if (call.deadline <= now) {
        this.remove(call)
        call.expire()
      }
      call = next
    }
    if (this.head !== undefined) this.start()
  }
}
