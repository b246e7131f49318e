/** Replaces every known secret value in a text, so upstream echoes never reach an agent. */
import type { SecretValues } from '../../runtime/types.js'

const MIN_SECRET_LENGTH = 4

export function createRedactor(secrets: SecretValues | undefined): (text: string) => string {
  const values = [...(secrets?.values.values() ?? [])]
    .filter((v) => v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
  if (values.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const value of values) if (out.includes(value)) out = out.split(value).join('[REDACTED]')
    return out
  }
}
