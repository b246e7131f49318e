/**
 * Schema validation of one loaded document, in the compat (default) or strict profile.
 */
import type { Diagnostic } from '../diagnostics.js'
import { attachLocation } from './attach-location.js'
import { documentOrder } from './document-order.js'
import { baseUriChecks, compatDeviations } from './compat-deviations.js'
import { createValidator, type SchemaValidator } from './create-validator.js'
import type { LoadedDocument } from './load-document.js'
import { schemaErrorToDiagnostic } from './schema-error-to-diagnostic.js'
import { isSpecVersion, type SpecVersion } from './spec-versions.js'
import { storedDiagnostic, validationKey, type ValidationCache } from './validation-cache.js'

export type Profile = 'compat' | 'strict'

/**
 * Pass one validator for many documents: it compiles each schema once. Documents whose version
 * is missing or unsupported are skipped (parseDocument already reported them).
 */
export function validateDocument(
  doc: LoadedDocument,
  profile: Profile,
  validator: SchemaValidator = createValidator(),
  cache?: ValidationCache,
): Diagnostic[] {
  const version = doc.version
  if (!isSpecVersion(version)) return []
  const check = (): Diagnostic[] => structural(doc, version, profile, validator)
  if (cache === undefined) return check().map((d) => attachLocation(d, doc))
  const key = validationKey(profile, doc.text)
  let found = cache.get(key)
  if (found === undefined) {
    found = check().map(storedDiagnostic)
    cache.set(key, found)
  }
  return found.map((d) => attachLocation(d, doc))
}

/** The diagnostics in document order, before positions are attached. */
function structural(
  doc: LoadedDocument,
  version: SpecVersion,
  profile: Profile,
  validator: SchemaValidator,
): Diagnostic[] {
  const official = validator.validate(version, doc.data)
  let diagnostics: Diagnostic[]
  if (profile === 'strict') {
    diagnostics = official.map((e) => schemaErrorToDiagnostic(e, 'error'))
  } else {
    const compat = validator.validate('compat', doc.data).map((e) => schemaErrorToDiagnostic(e))
    const covered = (pointer: string): boolean =>
      compat.some((c) => pointer === c.pointer || pointer.startsWith(c.pointer + '/'))
    const tolerated = compatDeviations(official, doc.data).filter(
      (d) => d.severity !== 'warning' || !covered(d.pointer),
    )
    diagnostics = [...compat, ...tolerated.filter((d) => !compat.some((c) => same(c, d)))]
  }
  diagnostics.push(...baseUriChecks(doc.data))
  const order = documentOrder(doc.data)
  return diagnostics.sort((a, b) => order(a.pointer, b.pointer))
}

function same(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.pointer === b.pointer
}
