/**
 * DNS-rebinding defence for MCP over HTTP: the Host must name this machine (or an allowed host)
 * and a present Origin must be loopback or allowed; anything else is refused with 403.
 */
import type { IncomingMessage } from 'node:http'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export interface OriginPolicy {
  /** Returns the refusal reason, or undefined when the request may proceed. */
  check(req: IncomingMessage): string | undefined
}

export function createOriginPolicy(
  allowedHosts: readonly string[],
  allowedOrigins: readonly string[],
): OriginPolicy {
  const hosts = new Set(allowedHosts.map((h) => h.toLowerCase()))
  const origins = new Set(allowedOrigins.map((o) => o.toLowerCase().replace(/\/+$/, '')))
  const hostAllowed = (host: string): boolean => {
    const hostname = hostnameOf(host)
    return (
      hostname !== undefined &&
      (LOOPBACK.has(hostname) || hosts.has(hostname) || hosts.has(host.toLowerCase()))
    )
  }
  // clients send the same Host on every request: its verdict is kept instead of parsing it each time
  let lastHost: string | undefined
  let lastHostAllowed = false
  return {
    check(req) {
      const host = req.headers.host
      if (host === undefined) return 'Host header is required'
      if (host !== lastHost) {
        lastHostAllowed = hostAllowed(host)
        lastHost = host
      }
      if (!lastHostAllowed) return 'Host not allowed'
      const origin = req.headers.origin
      if (origin === undefined) return undefined
      let url: URL
      try {
        url = new URL(origin)
      } catch {
        return 'Origin not allowed'
      }
      const name = url.hostname.toLowerCase()
      if (LOOPBACK.has(name) || origins.has(url.origin.toLowerCase()) || origins.has(name))
        return undefined
      return 'Origin not allowed'
    },
  }
}

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase()
  } catch {
    return undefined
  }
}
