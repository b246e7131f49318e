/** `capstan run` security flags (and their CAPSTAN_* variables) → host security options. */
import type { SecurityOptions } from './create-security.js'
import { parseRateLimit } from './rate-limiter.js'

export const SECURITY_USAGE = `  --allow-unauthenticated serve exposes without inbound authentication on a non-loopback --host (CAPSTAN_ALLOW_UNAUTHENTICATED=1)
  --allowed-hosts LIST    extra Host header names accepted, comma-separated (CAPSTAN_ALLOWED_HOSTS)
  --allowed-origins LIST  extra Origin values accepted, comma-separated (CAPSTAN_ALLOWED_ORIGINS)
  --cors-origin LIST      origins that get CORS headers; CORS is off otherwise (CAPSTAN_CORS_ORIGIN)
  --read-only             serve only read-only tools and GET routes (CAPSTAN_READ_ONLY=1)
  --tools LIST            serve only these tools/operations (names or globs) (CAPSTAN_TOOLS)
  --exclude-tools LIST    never serve these tools/operations (CAPSTAN_EXCLUDE_TOOLS)
  --confirm-destructive   destructive tools require "confirm": true (CAPSTAN_CONFIRM_DESTRUCTIVE=1)
  --rate-limit N/s        calls per client (principal or address) (CAPSTAN_RATE_LIMIT)
  --tool-rate-limit N/s   calls per tool or operation, all clients (CAPSTAN_TOOL_RATE_LIMIT)
  --max-concurrency N     in-flight calls per client (CAPSTAN_MAX_CONCURRENCY)
`

export const SECURITY_FLAG_OPTIONS = {
  'allow-unauthenticated': { type: 'boolean' },
  'allowed-hosts': { type: 'string' },
  'allowed-origins': { type: 'string' },
  'cors-origin': { type: 'string' },
  'read-only': { type: 'boolean' },
  tools: { type: 'string' },
  'exclude-tools': { type: 'string' },
  'confirm-destructive': { type: 'boolean' },
  'rate-limit': { type: 'string' },
  'tool-rate-limit': { type: 'string' },
  'max-concurrency': { type: 'string' },
} as const

export interface SecurityFlags {
  readonly security: SecurityOptions
  readonly allowedHosts: string[]
  readonly allowedOrigins: string[]
}

export function parseSecurityFlags(
  values: Record<string, string | boolean | (string | boolean)[] | undefined>,
  env: Readonly<Record<string, string | undefined>>,
): SecurityFlags | string {
  const str = (flag: string, envName: string) => {
    const v = values[flag]
    return typeof v === 'string' ? v : env[envName]
  }
  const list = (flag: string, envName: string) =>
    (str(flag, envName) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  const bool = (flag: string, envName: string) =>
    typeof values[flag] === 'boolean'
      ? (values[flag] as boolean)
      : ['1', 'true', 'yes'].includes((env[envName] ?? '').toLowerCase())
  const security: Record<string, unknown> = {}
  for (const [flag, envName, key] of [
    ['rate-limit', 'CAPSTAN_RATE_LIMIT', 'rateLimit'],
    ['tool-rate-limit', 'CAPSTAN_TOOL_RATE_LIMIT', 'toolRateLimit'],
  ] as const) {
    const text = str(flag, envName)
    if (text === undefined || text === '') continue
    const limit = parseRateLimit(text)
    if (!limit) return `--${flag} expects a positive rate such as 10/s or 100/m, got "${text}"`
    security[key] = limit
  }
  const conc = str('max-concurrency', 'CAPSTAN_MAX_CONCURRENCY')
  if (conc !== undefined && conc !== '') {
    const n = Number(conc)
    if (!Number.isInteger(n) || n < 1)
      return `--max-concurrency expects a whole number of at least 1, got "${conc}"`
    security.maxConcurrency = n
  }
  const tools = list('tools', 'CAPSTAN_TOOLS')
  const excludeTools = list('exclude-tools', 'CAPSTAN_EXCLUDE_TOOLS')
  const corsOrigins = list('cors-origin', 'CAPSTAN_CORS_ORIGIN')
  for (const o of corsOrigins)
    if (o === '*' || !/^https?:\/\/[^/]+$/.test(o))
      return `--cors-origin expects origins like https://app.example.com (no *, no path), got "${o}"`
  return {
    security: {
      ...security,
      ...(tools.length > 0 ? { tools } : {}),
      ...(excludeTools.length > 0 ? { excludeTools } : {}),
      ...(corsOrigins.length > 0 ? { corsOrigins } : {}),
      allowUnauthenticated: bool('allow-unauthenticated', 'CAPSTAN_ALLOW_UNAUTHENTICATED'),
      readOnly: bool('read-only', 'CAPSTAN_READ_ONLY'),
      confirmDestructive: bool('confirm-destructive', 'CAPSTAN_CONFIRM_DESTRUCTIVE'),
    },
    allowedHosts: list('allowed-hosts', 'CAPSTAN_ALLOWED_HOSTS'),
    allowedOrigins: list('allowed-origins', 'CAPSTAN_ALLOWED_ORIGINS'),
  }
}
