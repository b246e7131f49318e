import { EngineError } from '../../errors.js'

const EXCERPT_CHARS = 40

/** An UPSTREAM_INVALID_RESPONSE error that quotes at most a short excerpt of the body. */
export function invalidResponse(
  format: string,
  reason: string,
  text?: string,
  at = 0,
): EngineError {
  const excerpt = text === undefined ? '' : `; near "${excerptOf(text, at)}"`
  return new EngineError(
    'UPSTREAM_INVALID_RESPONSE',
    `Upstream response is not valid ${format}: ${reason}${excerpt}`,
  )
}

/** A bad decoder option (schema path, selector): a configuration problem, reported at load. */
export function badOption(format: string, message: string, cause?: unknown): EngineError {
  return new EngineError(
    'INTERNAL',
    `outputRawFormat ${format}: ${message}`,
    cause === undefined ? undefined : { cause },
  )
}

function excerptOf(text: string, at: number): string {
  const start = Math.max(0, Math.min(at, text.length) - EXCERPT_CHARS / 2)
  const slice = text.slice(start, start + EXCERPT_CHARS).replace(/\s+/g, ' ')
  return `${start > 0 ? '…' : ''}${slice}${start + EXCERPT_CHARS < text.length ? '…' : ''}`
}

const UTF8 = new TextDecoder('utf-8')

/** UTF-8 text of a body without a leading byte-order mark. */
export function utf8Text(bytes: Uint8Array): string {
  const text = UTF8.decode(bytes)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Sets a field named by upstream data; a key like `__proto__` stays an ordinary own field. */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}
