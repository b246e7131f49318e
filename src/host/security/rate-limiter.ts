/**
 * Token buckets keyed by client or tool, with a hard cap on keys: full buckets are swept first,
 * then the oldest, so a flood of distinct clients cannot grow memory without bound.
 */
export interface RateLimit {
  /** Tokens added per second. */
  readonly perSecond: number
  /** Bucket size (default: perSecond, at least 1). */
  readonly burst?: number
}

export interface RateLimiter {
  /** Takes one token: 0 when allowed, else milliseconds until a token is available. */
  take(key: string): number
  readonly size: number
}

export const DEFAULT_MAX_KEYS = 10_000

export function createRateLimiter(
  limit: RateLimit,
  now: () => number,
  maxKeys = DEFAULT_MAX_KEYS,
): RateLimiter {
  const burst = Math.max(1, limit.burst ?? Math.ceil(limit.perSecond))
  const perMs = limit.perSecond / 1000
  const buckets = new Map<string, { tokens: number; at: number }>()
  const refill = (b: { tokens: number; at: number }, t: number) => {
    b.tokens = Math.min(burst, b.tokens + (t - b.at) * perMs)
    b.at = t
  }
  const sweep = (t: number) => {
    for (const [k, b] of buckets) {
      refill(b, t)
      if (b.tokens >= burst) buckets.delete(k)
    }
    for (const k of buckets.keys()) {
      if (buckets.size < maxKeys) break
      buckets.delete(k)
    }
  }
  return {
    take(key) {
      const t = now()
      let b = buckets.get(key)
      if (b === undefined) {
        if (buckets.size >= maxKeys) sweep(t)
        b = { tokens: burst, at: t }
        buckets.set(key, b)
      } else refill(b, t)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return 0
      }
      return Math.ceil((1 - b.tokens) / perMs)
    },
    get size() {
      return buckets.size
    },
  }
}

/** In-flight counters per key; a key disappears when its count returns to zero. */
export interface ConcurrencyGate {
  enter(key: string): boolean
  leave(key: string): void
}

export function createConcurrencyGate(max: number): ConcurrencyGate {
  const counts = new Map<string, number>()
  return {
    enter(key) {
      const n = counts.get(key) ?? 0
      if (n >= max) return false
      counts.set(key, n + 1)
      return true
    },
    leave(key) {
      const n = (counts.get(key) ?? 1) - 1
      if (n <= 0) counts.delete(key)
      else counts.set(key, n)
    },
  }
}

/** Parses `N/s`, `N/m` or `N` (per second). */
export function parseRateLimit(text: string): RateLimit | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute))?\s*$/i.exec(text)
  if (!m) return undefined
  const n = Number(m[1])
  if (!(n > 0)) return undefined
  const perMinute = m[2] !== undefined && m[2].toLowerCase().startsWith('m')
  return perMinute ? { perSecond: n / 60, burst: Math.max(1, Math.ceil(n / 60)) } : { perSecond: n }
}
