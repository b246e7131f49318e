/** Replaces every known secret value in a text, so upstream echoes never reach an agent. */
import type { SecretValues } from '../../runtime/types.js'
import { replaceSecrets, secretTexts } from '../../secret-texts.js'

const REDACTED = () => '[REDACTED]'

export function createRedactor(secrets: SecretValues | undefined): (text: string) => string {
  const values = secretTexts(secrets?.values.values() ?? [])
  if (values.length === 0) return (text) => text
  return (text) => replaceSecrets(text, values, REDACTED)
}
