/** Refuses to serve unauthenticated surfaces on a non-loopback address unless the operator insists. */
import type { ListenerPlan } from '../plan-listeners.js'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|\[::1\])$/i

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host)
}

/** Names every expose served without inbound authentication on a non-loopback bind. */
export function unauthenticatedExposes(
  host: string,
  listeners: readonly ListenerPlan[],
  stdio: boolean,
): string[] {
  if (isLoopback(host)) return []
  const open: string[] = []
  for (const l of listeners) {
    for (const e of l.rest)
      if (!e.authentication) open.push(`rest expose "${e.namespace}" (port ${l.port})`)
    if (!stdio)
      for (const e of l.mcp)
        if (!e.authentication) open.push(`mcp expose "${e.namespace}" (port ${l.port})`)
    for (const e of l.control)
      if (!e.authentication) open.push(`control expose "${e.namespace}" (port ${l.port})`)
    for (const e of l.skill)
      if (!e.authentication) open.push(`skill expose "${e.namespace}" (port ${l.port})`)
  }
  return open
}
