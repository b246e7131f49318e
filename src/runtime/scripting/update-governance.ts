/**
 * A partial update of script governance (PUT /scripting), checked field by field: the new
 * settings, or a message naming the field and how to fix it. Nothing is applied on an error.
 */
import { isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ScriptingGovernance } from '../../model/types.js'

/** The languages the format knows; Capstan runs JavaScript, the others fail at the step. */
const LANGUAGES = ['javascript', 'python', 'groovy']
const FIELDS = [
  'enabled',
  'defaultLocation',
  'defaultLanguage',
  'timeout',
  'statementLimit',
  'allowedLanguages',
]

export function updateGovernance(
  current: ScriptingGovernance,
  patch: unknown,
): ScriptingGovernance | string {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
    return 'The body must be a JSON object of the fields to change, e.g. {"timeout": 2000}.'
  const next: { -readonly [K in keyof ScriptingGovernance]: ScriptingGovernance[K] } = {
    ...current,
  }
  for (const [key, value] of Object.entries(patch)) {
    const problem = apply(next, key, value)
    if (problem !== undefined) return problem
  }
  return Object.freeze(next)
}

function apply(
  next: { -readonly [K in keyof ScriptingGovernance]: ScriptingGovernance[K] },
  key: string,
  value: unknown,
): string | undefined {
  const positive = (): number | string =>
    Number.isSafeInteger(value) && (value as number) >= 1
      ? (value as number)
      : `${key} must be a whole number of at least 1, got ${JSON.stringify(value)}.`
  switch (key) {
    case 'enabled':
      if (typeof value !== 'boolean') return `enabled must be true or false.`
      next.enabled = value
      return undefined
    case 'timeout': {
      const n = positive()
      if (typeof n === 'string') return n
      next.timeoutMs = n
      return undefined
    }
    case 'statementLimit': {
      const n = positive()
      if (typeof n === 'string') return n
      next.statementLimit = n
      return undefined
    }
    case 'defaultLanguage':
      if (typeof value !== 'string' || !LANGUAGES.includes(value))
        return `defaultLanguage must be one of ${LANGUAGES.join(', ')}.`
      next.defaultLanguage = value
      return undefined
    case 'allowedLanguages':
      if (
        !Array.isArray(value) ||
        value.some((l) => typeof l !== 'string' || !LANGUAGES.includes(l))
      )
        return `allowedLanguages must be an array of ${LANGUAGES.join(', ')}.`
      next.allowedLanguages = Object.freeze([...(value as string[])])
      return undefined
    case 'defaultLocation': {
      const path = absoluteFilePath(value)
      if (path === undefined)
        return 'defaultLocation must be an absolute file: URI of a directory, e.g. "file:///srv/scripts".'
      next.defaultLocation = path
      return undefined
    }
    default:
      return `Unknown field "${key}"; PUT /scripting takes ${FIELDS.join(', ')}.`
  }
}

function absoluteFilePath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('file:')) return undefined
  try {
    const path = fileURLToPath(value)
    return isAbsolute(path) && !value.startsWith('file:///.') ? path : undefined
  } catch {
    return undefined
  }
}
