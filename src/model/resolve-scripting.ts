/** `management.scripting` of a capability's control expose: script defaults, languages and limits. */
import { locationPath } from './location-path.js'
import { controlBlock } from './control-block.js'
import { asArray, asString, ptr, type ResolveContext } from './resolve-context.js'
import type { ScriptingGovernance } from './types.js'

/** A script blocks the engine's event loop while it runs, so the default bound is short. */
export const DEFAULT_SCRIPT_TIMEOUT_MS = 1000
/** The Java engine's default statement limit. */
export const DEFAULT_STATEMENT_LIMIT = 100_000

export function resolveScripting(
  exposes: unknown,
  rc: ResolveContext,
): ScriptingGovernance | undefined {
  const block = controlBlock(exposes, ['management', 'scripting'])
  if (block === undefined) return undefined
  const { spec, pointer: p } = block
  const location = asString(spec.defaultLocation)
  const defaultLocation =
    location === undefined ? undefined : locationPath(location, rc, ptr(p, 'defaultLocation'))
  const languages = asArray(spec.allowedLanguages).filter((l): l is string => typeof l === 'string')
  const defaultLanguage = asString(spec.defaultLanguage)
  return {
    enabled: spec.enabled !== false,
    ...(defaultLocation === undefined ? {} : { defaultLocation }),
    ...(defaultLanguage === undefined ? {} : { defaultLanguage }),
    ...(languages.length > 0 ? { allowedLanguages: languages } : {}),
    timeoutMs: typeof spec.timeout === 'number' ? spec.timeout : DEFAULT_SCRIPT_TIMEOUT_MS,
    statementLimit:
      typeof spec.statementLimit === 'number' ? spec.statementLimit : DEFAULT_STATEMENT_LIMIT,
  }
}
