/**
 * A `script` step (engine-inventory §2.20): JavaScript files under a location, run in a sandbox
 * with the governance's limits. Python and Groovy are not run: the step is reported and skipped.
 */
import { locationPath } from './location-path.js'
import { asArray, asString, ptr, type ResolveContext } from './resolve-context.js'
import type { ScriptStep, TemplateContext } from './types.js'

/** Heap a script may use; QuickJS refuses allocations past it. */
const SCRIPT_MEMORY_BYTES = 32 * 1024 * 1024
const SEGMENT = /^[a-zA-Z0-9._-]+$/

export function resolveScriptStep(
  raw: Record<string, unknown>,
  name: string,
  p: string,
  rc: ResolveContext,
): ScriptStep | undefined {
  const governance = rc.scripting
  /** A step without `key`, in a file whose governance has no default for it either. */
  const missing = (key: string, fix: string): undefined => {
    const fallback = `default${key[0]!.toUpperCase()}${key.slice(1)}`
    rc.report(
      'SCRIPT_STEP_INVALID',
      ptr(p, key),
      `Script step "${name}" declares no ${key} and the file's control expose sets no management.scripting.${fallback}.`,
      fix,
    )
    return undefined
  }
  const ownLanguage = asString(raw.language)
  const language = ownLanguage ?? governance?.defaultLanguage
  if (language === undefined) return missing('language', 'Add language: javascript to the step.')
  if (language !== 'javascript' && language !== 'js') {
    rc.report(
      'UNSUPPORTED_FEATURE',
      ptr(p, 'language'),
      `Script step "${name}" is ${language}; Capstan runs JavaScript scripts only, so calls to this operation fail.`,
      'Port the script to JavaScript (it reads `context` and assigns `result`).',
      'warning',
    )
    return undefined
  }
  const rawLocation = asString(raw.location)
  const root =
    rawLocation === undefined
      ? governance?.defaultLocation
      : locationPath(rawLocation, rc, ptr(p, 'location'))
  if (root === undefined)
    return rawLocation === undefined
      ? missing(
          'location',
          'Add location: file:///./scripts (the directory its file and dependencies are in).',
        )
      : undefined
  const files: string[] = []
  const relative = (value: unknown, at: string): void => {
    const path = typeof value === 'string' ? value : ''
    if (path === '' || path.split('/').some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) {
      rc.report(
        'SCRIPT_STEP_INVALID',
        at,
        `Script path "${path}" of step "${name}" must be a relative path inside its location.`,
        'Use names of letters, digits, ".", "_" and "-" separated by "/", without . or .. segments.',
      )
      return
    }
    files.push(path)
  }
  asArray(raw.dependencies).forEach((d, i) => relative(d, ptr(p, 'dependencies', i)))
  relative(raw.file, ptr(p, 'file'))
  if (files.length !== asArray(raw.dependencies).length + 1) return undefined
  const withEntries = Object.entries(
    raw.with !== null && typeof raw.with === 'object' ? raw.with : {},
  ).map(([key, value]) => {
    if (typeof value !== 'string') return { name: key, render: () => value }
    const template = rc.template(value, ptr(p, 'with', key))
    return { name: key, render: (ctx: TemplateContext) => template.render(ctx) }
  })
  return {
    kind: 'script',
    name,
    ...(rawLocation === undefined ? {} : { location: root }),
    ...(governance === undefined ? {} : { governance }),
    ownLanguage: ownLanguage !== undefined,
    files,
    with: withEntries,
    memoryBytes: SCRIPT_MEMORY_BYTES,
  }
}
