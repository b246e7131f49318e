/**
 * A file's parsed data depends only on its text, so it can be kept between runs: an unchanged file
 * is read back with JSON.parse (native code) instead of the YAML parser, which a fresh process runs
 * in V8's interpreter. Storage is the caller's (the CLI keeps it in its start-up cache file).
 */
import { createHash } from 'node:crypto'

export interface ParseCache {
  /** The JSON text stored for this key, or undefined. */
  getParsed(key: string): string | undefined
  setParsed(key: string, json: string): void
}

/** The exact text: any edit, even of a comment, is another key. */
export function parseKey(text: string): string {
  return createHash('sha256').update('yaml\0').update(text).digest('base64url')
}

/**
 * The JSON text of data that JSON gives back exactly, or undefined: the YAML core schema also
 * yields NaN, ±Infinity and -0, which JSON cannot carry, so such a file is always parsed.
 */
export function exactJson(data: unknown): string | undefined {
  return jsonExact(data) ? JSON.stringify(data) : undefined
}

function jsonExact(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0)
    case 'object': {
      if (value === null) return true
      if (Array.isArray(value)) return value.every(jsonExact)
      const proto = Object.getPrototypeOf(value) as unknown
      if (proto !== Object.prototype && proto !== null) return false
      for (const key in value) if (!jsonExact((value as Record<string, unknown>)[key])) return false
      return true
    }
    default:
      return false
  }
}
