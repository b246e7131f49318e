/** A YAML text → plain value, for data that is not a capability (bind files, YAML responses). */
import { parseYaml } from './parse-yaml.js'

export function parseYamlValue(text: string): unknown {
  const parsed = parseYaml(text)
  const problem = parsed.problems[0]
  if (problem)
    throw new SyntaxError(
      `YAML ${problem.kind} at line ${problem.location.line}, column ${problem.location.column}`,
    )
  return parsed.data
}
