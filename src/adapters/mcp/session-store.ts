/**
 * Legacy (2025-11-25) MCP sessions of one endpoint: looked up by Mcp-Session-Id, expired after
 * an idle time, capped in number. When full, the least recently used idle session of the client
 * holding the most is evicted, so one client's initialize flood closes only its own sessions.
 * Expiry and eviction close the transport and server so nothing stays referenced.
 */
export interface SessionHandle {
  close(): Promise<void>
}

interface Entry {
  readonly handle: SessionHandle
  /** Who opened it: the authenticated principal, else the remote address. */
  readonly client: string
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
  /** Frees a slot for a new session of `client`; false when every session is busy. */
  makeRoom(client: string): boolean
  add(id: string, handle: SessionHandle, client: string): void
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
  const perClient = new Map<string, number>()
  const drop = (id: string, entry: Entry): void => {
    if (!sessions.delete(id)) return
    const left = (perClient.get(entry.client) ?? 1) - 1
    if (left === 0) perClient.delete(entry.client)
    else perClient.set(entry.client, left)
  }
  const expire = (id: string, entry: Entry, reason: 'expired' | 'evicted'): void => {
    drop(id, entry)
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
      // re-inserted (count unchanged): the first entries are the least recently used
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
    makeRoom(client) {
      // no sweep here: a full pass per initialize made a flood of them quadratic (the timer sweeps)
      if (sessions.size < options.maxSessions) return true
      const now = options.clock()
      let heaviest = client
      for (const [c, n] of perClient) if (n > (perClient.get(heaviest) ?? 0)) heaviest = c
      let chosen: [string, Entry] | undefined
      for (const [id, entry] of sessions) {
        if (entry.inflight !== 0) continue
        if (entry.client === heaviest) {
          chosen = [id, entry]
          break
        }
        // the least recently used idle session of anyone, if the heaviest client has none idle
        chosen ??= [id, entry]
      }
      if (chosen === undefined) return false
      const [id, entry] = chosen
      expire(id, entry, isExpired(entry, now) ? 'expired' : 'evicted')
      return true
    },
    add(id, handle, client) {
      const previous = sessions.get(id)
      if (previous !== undefined) drop(id, previous)
      sessions.set(id, { handle, client, lastSeen: options.clock(), inflight: 0 })
      perClient.set(client, (perClient.get(client) ?? 0) + 1)
    },
    remove(id) {
      const entry = sessions.get(id)
      if (entry !== undefined) drop(id, entry)
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
      perClient.clear()
      await Promise.all(all.map((e) => e.handle.close().catch(() => undefined)))
    },
  }
}
