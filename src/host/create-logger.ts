/** Structured JSON logs (pino) with credentials redacted by header name and by bound secret value. */
import pino, { type DestinationStream, type Logger } from 'pino'
import { replaceSecrets, secretTexts } from '../secret-texts.js'

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-auth-token"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-auth-token"]',
  'headers.cookie',
  'res.headers["set-cookie"]',
]

/** `secretValues` returns the same iterable while the bound values are unchanged, a new one when they change. */
export function createLogger(
  destination: DestinationStream,
  level: string,
  secretValues: () => Iterable<string>,
): Logger {
  // the list is prepared once per set of values, not per log record
  let source: Iterable<string> | undefined
  let secrets: readonly string[] = []
  const scrub = (value: unknown): unknown => {
    const current = secretValues()
    if (current !== source) {
      source = current
      secrets = secretTexts(current)
    }
    return secrets.length === 0 ? value : scrubWith(value, secrets, 0)
  }
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // The message string is scrubbed too (objects are scrubbed once, by formatters.log).
          if (args.some((a) => typeof a === 'string'))
            args = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as typeof args
          method.apply(this, args)
        },
      },
    },
    destination,
  )
}

const REDACTED = () => '[REDACTED]'

/** Returns the value with every secret replaced; objects are copied only where something changed. */
function scrubWith(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return replaceSecrets(value, secrets, REDACTED)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const next = scrubWith(value[i], secrets, depth + 1)
      if (next !== value[i]) (copy ??= [...value])[i] = next
    }
    return copy ?? value
  }
  let copy: Record<string, unknown> | undefined
  for (const key of Object.keys(value)) {
    const before = (value as Record<string, unknown>)[key]
    const next = scrubWith(before, secrets, depth + 1)
    if (next !== before) (copy ??= { ...(value as Record<string, unknown>) })[key] = next
  }
  return copy ?? value
}
