import { EngineError } from '../../errors.js'
import type { AuthContext } from './types.js'

/**
 * A rendered credential field. An absent optional field gives `fallback`; a field that rendered
 * empty or holds a line break is refused with a message naming the field, never its value.
 */
export function credential(ctx: AuthContext, field: string, fallback?: string): string {
  const value = ctx.fields[field]
  if (value === undefined && fallback !== undefined) return fallback
  if (value === undefined || value === '') {
    throw new EngineError(
      'UPSTREAM_AUTH',
      `Credential ${field} for upstream ${ctx.stateKey} is empty; set the bound variable its authentication.${field} template uses (or the request parameter it names)`,
    )
  }
  if (/[\r\n\0]/.test(value)) {
    throw new EngineError(
      'UPSTREAM_AUTH',
      `Credential ${field} for upstream ${ctx.stateKey} contains a line break or NUL character`,
    )
  }
  return value
}

/** A string option, case-folded, with a default. */
export function stringOption(ctx: AuthContext, name: string, fallback: string): string {
  const value = ctx.options[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : fallback
}

/** Base64 of the UTF-8 bytes of `text`. */
export function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

/** Sets a header, replacing any existing one of the same name in another case. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase()
  for (const existing of Object.keys(headers))
    if (existing.toLowerCase() === lower) delete headers[existing]
  headers[lower] = value
}

/** A header's value by case-insensitive name. */
export function getHeader(
  headers: Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  const lower = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value
  return undefined
}
