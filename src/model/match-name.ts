/** Tolerant name matching (compat rule 4): case, `-` and `_` are ignored when no exact match exists. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '')
}

export type NameMatch =
  | { readonly kind: 'exact'; readonly name: string }
  | { readonly kind: 'tolerant'; readonly name: string }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  | { readonly kind: 'none' }

export function matchName(wanted: string, available: Iterable<string>): NameMatch {
  const candidates: string[] = []
  const key = normalizeName(wanted)
  for (const name of available) {
    if (name === wanted) return { kind: 'exact', name }
    if (normalizeName(name) === key) candidates.push(name)
  }
  if (candidates.length === 1) return { kind: 'tolerant', name: candidates[0]! }
  if (candidates.length > 1) return { kind: 'ambiguous', candidates }
  return { kind: 'none' }
}

/** Closest names by edit distance, for "did you mean" hints. */
export function suggest(wanted: string, available: Iterable<string>, max = 3): string[] {
  const scored = [...available].map((name) => ({
    name,
    d: distance(normalizeName(wanted), normalizeName(name)),
  }))
  const limit = Math.max(2, Math.floor(wanted.length / 3))
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((s) => s.name)
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length]!
}
