/**
 * Legacy (2025-11-25) MCP sessions of one endpoint: looked up by Mcp-Session-Id, expired after
 * an idle time, capped in number (the least recently used idle session is evicted when full).
 * Expiry and eviction close the transport and server so nothing stays referenced.
 */
export interface SessionHandle {
  close(): Promise<void>
}

interface Entry {
  readonly handle: SessionHandle
  lastSeen: number
  inflight: number
}

export interface SessionStore {
  readonly size: number
  /** Sessions not yet idle past the limit, without expiring any (for metrics). */
  live(): number
  /** Finds a live session and marks it busy; undefined when unknown or expired. */
  acquire(id: string): SessionHandle | undefined
  release(id: string): void
  /** Frees a slot for a new session; false when every session is busy. */
  makeRoom(): boolean
  add(id: string, handle: SessionHandle): void
  remove(id: string): void
  sweep(): void
  closeAll(): Promise<void>
}

export interface SessionStoreOptions {
  readonly idleMs: number
  readonly maxSessions: number
  readonly clock: () => number
  readonly onClose?: (id: string, reason: 'expired' | 'evicted') => void
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  // Map keeps insertion order; re-inserting on use makes the first entry the least recently used.
  const sessions = new Map<string, Entry>()
  const expire = (id: string, entry: Entry, reason: 'expired' | 'evicted'): void => {
    sessions.delete(id)
    options.onClose?.(id, reason)
    void entry.handle.close().catch(() => undefined)
  }
  const isExpired = (entry: Entry, now: number): boolean =>
    entry.inflight === 0 && now - entry.lastSeen >= options.idleMs
  return {
    get size() {
      return sessions.size
    },
    live() {
      const now = options.clock()
      let n = 0
      sessions.forEach((entry) => {
        if (!isExpired(entry, now)) n++
      })
      return n
    },
    acquire(id) {
      const entry = sessions.get(id)
      if (entry === undefined) return undefined
      if (isExpired(entry, options.clock())) {
        expire(id, entry, 'expired')
        return undefined
      }
      entry.inflight += 1
      entry.lastSeen = options.clock()
      sessions.delete(id)
      sessions.set(id, entry)
      return entry.handle
    },
    release(id) {
      const entry = sessions.get(id)
      if (entry === undefined) return
      entry.inflight = Math.max(0, entry.inflight - 1)
      entry.lastSeen = options.clock()
    },
    makeRoom() {
      // no sweep here: a full pass per initialize made a flood of them quadratic (the timer sweeps)
      if (sessions.size < options.maxSessions) return true
      const now = options.clock()
      for (const [id, entry] of sessions) {
        if (entry.inflight === 0) {
          expire(id, entry, isExpired(entry, now) ? 'expired' : 'evicted')
          return true
        }
      }
      return false
    },
    add(id, handle) {
      sessions.set(id, { handle, lastSeen: options.clock(), inflight: 0 })
    },
    remove(id) {
      sessions.delete(id)
    },
    sweep() {
      const now = options.clock()
      sessions.forEach((entry, id) => {
        if (isExpired(entry, now)) expire(id, entry, 'expired')
      })
    },
    async closeAll() {
      const all = [...sessions.values()]
      sessions.clear()
      await Promise.all(all.map((e) => e.handle.close().catch(() => undefined)))
    },
  }
}
