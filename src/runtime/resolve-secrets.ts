/**
 * Bind values at start-up: environment (default), `X_FILE` indirection (a mounted secret file),
 * or a `file:` location (JSON or YAML). Errors name the variable, never a value.
 */
import type { BindVariable } from '../model/types.js'
import type { SecretValues } from './types.js'

export interface SecretSources {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly readFile: (path: string) => string
  /** YAML parser for .yaml/.yml bind files (wired to the spec layer's parser). */
  readonly parseYaml: (text: string) => unknown
}

export interface SecretProblem {
  readonly variable: string
  readonly message: string
}

export function resolveSecrets(
  binds: readonly BindVariable[],
  sources: SecretSources,
): { secrets: SecretValues; problems: SecretProblem[] } {
  const values = new Map<string, string>()
  const problems: SecretProblem[] = []
  const files = new Map<string, Record<string, unknown> | undefined>()
  for (const bind of binds) {
    if (bind.file) {
      if (!files.has(bind.file))
        files.set(bind.file, readBindFile(bind.file, sources, problems, bind.variable))
      const data = files.get(bind.file)
      if (!data) continue
      const value = data[bind.key]
      if (value === undefined || value === null)
        problems.push({
          variable: bind.variable,
          message: `Bind variable ${bind.variable}: key "${bind.key}" is not in ${bind.file}.`,
        })
      else values.set(bind.variable, typeof value === 'string' ? value : JSON.stringify(value))
      continue
    }
    const direct = sources.env[bind.key]
    if (direct !== undefined && direct !== '') {
      values.set(bind.variable, direct)
      continue
    }
    const indirect = sources.env[`${bind.key}_FILE`]
    if (indirect) {
      try {
        values.set(bind.variable, sources.readFile(indirect).replace(/\r?\n$/, ''))
      } catch {
        problems.push({
          variable: bind.variable,
          message: `Bind variable ${bind.variable}: cannot read the file named by ${bind.key}_FILE.`,
        })
      }
      continue
    }
    problems.push({
      variable: bind.variable,
      message: `Bind variable ${bind.variable} has no value: set the environment variable ${bind.key} (or ${bind.key}_FILE to a file holding it).`,
    })
  }
  return { secrets: toSecretValues(binds, values), problems }
}

export function toSecretValues(
  binds: readonly BindVariable[],
  values: ReadonlyMap<string, string>,
): SecretValues {
  const context: Record<string, unknown> = {}
  for (const bind of binds) {
    const value = values.get(bind.variable)
    if (value === undefined) continue
    context[bind.variable] = value
    const ns = (context[bind.namespace] ??= {}) as Record<string, unknown>
    if (typeof ns === 'object') ns[bind.variable] = value
  }
  return { values, context: Object.freeze(context) }
}

function readBindFile(
  file: string,
  sources: SecretSources,
  problems: SecretProblem[],
  variable: string,
): Record<string, unknown> | undefined {
  let text: string
  try {
    text = sources.readFile(file)
  } catch {
    problems.push({ variable, message: `Bind file ${file} cannot be read.` })
    return undefined
  }
  try {
    const data = /\.ya?ml$/i.test(file) ? sources.parseYaml(text) : JSON.parse(text)
    if (data && typeof data === 'object' && !Array.isArray(data))
      return data as Record<string, unknown>
  } catch {
    // Falls through to the problem below; the parser's message may quote secret content.
  }
  problems.push({
    variable,
    message: `Bind file ${file} must hold a JSON or YAML mapping of keys to values.`,
  })
  return undefined
}
