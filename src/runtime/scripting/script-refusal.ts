/** Whether a script step may run under its file's governance: the one verdict the runner and `capstan explain` share. */
import type { ScriptingGovernance, ScriptStep } from '../../model/types.js'

/** NAFTIKO_SCRIPTING=false turns scripts off for files without management.scripting. */
export function scriptingOffByEnv(
  env: Readonly<Record<string, string | undefined>> | undefined,
): boolean {
  return env?.NAFTIKO_SCRIPTING?.trim().toLowerCase() === 'false'
}

/**
 * Why the step may not run now (scripting off, or its language not allowed or not JavaScript) as a
 * clause, else undefined: the runner answers `Script step "<name>" is refused: <clause>.`
 */
export function scriptRefusal(
  step: ScriptStep,
  governance: ScriptingGovernance | undefined,
  offByEnv: boolean,
): string | undefined {
  if (governance === undefined)
    return offByEnv ? 'NAFTIKO_SCRIPTING=false turns scripting off' : undefined
  if (!governance.enabled) return 'management.scripting.enabled turns scripting off'
  const allowed = governance.allowedLanguages
  if (allowed !== undefined && !allowed.includes('javascript'))
    return 'management.scripting.allowedLanguages does not allow JavaScript'
  const language = governance.defaultLanguage
  if (!step.ownLanguage && language !== 'javascript' && language !== 'js')
    return `its language comes from management.scripting.defaultLanguage, now ${language ?? 'unset'}, and Capstan runs JavaScript scripts only`
  return undefined
}
