/** Structured JSON logs (pino) with credentials redacted by header name and by bound secret value. */
import pino, { type DestinationStream, type Logger } from 'pino'

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-auth-token"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-auth-token"]',
  'headers.cookie',
  'res.headers["set-cookie"]',
]

export function createLogger(
  destination: DestinationStream,
  level: string,
  secretValues: () => Iterable<string>,
): Logger {
  const scrub = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') {
      let out = value
      for (const secret of secretValues())
        if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[REDACTED]')
      return out
    }
    if (depth > 6 || value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]))
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
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>,
          )
        },
      },
    },
    destination,
  )
}
