/** The Naftiko versions Capstan reads; each has its official schema under src/spec/schemas/. */
export const SPEC_VERSIONS = ['1.0.0-alpha1', '1.0.0-alpha2', '1.0.0-alpha3'] as const

export type SpecVersion = (typeof SPEC_VERSIONS)[number]

export function isSpecVersion(value: unknown): value is SpecVersion {
  return typeof value === 'string' && (SPEC_VERSIONS as readonly string[]).includes(value)
}
