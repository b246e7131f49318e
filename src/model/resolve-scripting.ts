/** `management.scripting` of a capability's control expose: script defaults, languages and limits. */
import { locationPath } from './location-path.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import type { ScriptingGovernance } from './types.js'

/** A script blocks the engine's event loop while it runs, so the default bound is short. */
export const DEFAULT_SCRIPT_TIMEOUT_MS = 1000

export function resolveScripting(
  exposes: unknown,
  rc: ResolveContext,
): ScriptingGovernance | undefined {
  let found: ScriptingGovernance | undefined
  asArray(exposes).forEach((raw, i) => {
    if (!isRecord(raw) || raw.type !== 'control' || !isRecord(raw.management)) return
    const spec = raw.management.scripting
    if (!isRecord(spec)) return
    const p = ptr('/capability/exposes', i, 'management', 'scripting')
    const location = asString(spec.defaultLocation)
    const defaultLocation =
      location === undefined ? undefined : locationPath(location, rc, ptr(p, 'defaultLocation'))
    const languages = asArray(spec.allowedLanguages).filter(
      (l): l is string => typeof l === 'string',
    )
    const timeout = typeof spec.timeout === 'number' ? spec.timeout : DEFAULT_SCRIPT_TIMEOUT_MS
    const defaultLanguage = asString(spec.defaultLanguage)
    found = {
      enabled: spec.enabled !== false,
      ...(defaultLocation === undefined ? {} : { defaultLocation }),
      ...(defaultLanguage === undefined ? {} : { defaultLanguage }),
      ...(languages.length > 0 ? { allowedLanguages: languages } : {}),
      timeoutMs: timeout,
    }
  })
  return found
}
