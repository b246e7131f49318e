/**
 * Bound secret values as texts to find in output: logs, MCP tool results and REST responses all
 * look for the same list, so they agree on what counts as a secret.
 */

/** Shorter values would match ordinary words and numbers. */
export const MIN_SECRET_LENGTH = 4

/** Distinct values long enough to be secrets, longest first, so a secret that contains another is replaced whole. */
export function secretTexts(values: Iterable<string>): string[] {
  return [...new Set(values)]
    .filter((v) => v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
}

/** The text with every occurrence of each secret (from `secretTexts`) replaced. */
export function replaceSecrets(
  text: string,
  secrets: readonly string[],
  replacement: (secret: string) => string,
): string {
  let out = text
  for (const secret of secrets)
    if (out.includes(secret)) out = out.split(secret).join(replacement(secret))
  return out
}
