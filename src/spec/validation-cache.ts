/**
 * Structural validation depends only on a document's text and the profile, so its diagnostics can
 * be kept between runs: an unchanged file skips the schema checks and their explanations (the
 * largest part of a start-up). Storage is the caller's (the CLI keeps one file per engine build).
 */
import { createHash } from 'node:crypto'
import type { Diagnostic } from '../diagnostics.js'

export interface ValidationCache {
  /** Diagnostics stored for this key (without positions), or undefined. */
  get(key: string): readonly Diagnostic[] | undefined
  set(key: string, diagnostics: readonly Diagnostic[]): void
}

/** The profile and the exact text: any edit, even of a comment, is another key. */
export function validationKey(profile: string, text: string): string {
  return createHash('sha256').update(profile).update('\0').update(text).digest('base64url')
}

/** What is kept of a diagnostic before its position is attached: plain JSON. */
export function storedDiagnostic(d: Diagnostic): Diagnostic {
  const out: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code: d.code,
    severity: d.severity,
    message: d.message,
    pointer: d.pointer,
  }
  if (d.hint !== undefined) out.hint = d.hint
  if (d.file !== undefined) out.file = d.file
  if (d.line !== undefined) out.line = d.line
  if (d.column !== undefined) out.column = d.column
  return out
}
