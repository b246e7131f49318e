/**
 * Capstan's own "compat" schema, derived from the official alpha2 schema by the relaxations of
 * engine-inventory §10.3 rule 1. The result is published as schemas/capability.schema.json
 * (src/spec/build-compat-schema.test.ts keeps the file in step; regenerate with
 * `npx tsx src/spec/write-compat-schema.ts`).
 */
import { SPEC_VERSIONS } from './spec-versions.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

export const COMPAT_SCHEMA_ID = 'https://capstan.dev/schemas/capability.schema.json'

export function buildCompatSchema(officialAlpha2: object): JsonObject {
  const schema = structuredClone(officialAlpha2) as JsonObject
  relaxEverywhere(schema)
  const defs = schema['$defs'] as Record<string, JsonObject>
  schema['$id'] = COMPAT_SCHEMA_ID
  schema['title'] = 'Naftiko capability (Capstan compat profile, 1.0.0-alpha1 to 1.0.0-alpha3)'
  schema['description'] =
    'A Naftiko capability document as Capstan reads it by default: every document valid for the official ' +
    '1.0.0-alpha1, -alpha2 or -alpha3 schema, plus the shapes real generated files use (see docs/errors.md, ' +
    'Compat). Run `capstan validate --strict` to check against the official schema of the declared version.'
  const naftiko = (schema['properties'] as JsonObject)['naftiko'] as JsonObject
  delete naftiko['const']
  naftiko['enum'] = [...SPEC_VERSIONS]
  naftiko['description'] =
    `Naftiko specification version, one of ${SPEC_VERSIONS.join(', ')}. Always the first key.`
  // Info: `title` is tolerated in place of `label`
  const info = defs['Info']!
  ;(info['properties'] as JsonObject)['title'] = {
    type: 'string',
    description: 'Tolerated synonym of `label` (compat); write `label` for strict documents.',
  }
  info['required'] = []
  // Consumed inputs: generated files carry JSON-Schema-like keys on them
  const consumedInput = defs['ConsumedInputParameter']!['properties'] as JsonObject
  consumedInput['type'] = {
    type: 'string',
    enum: ['string', 'number', 'integer', 'boolean', 'object', 'array'],
    description: 'Tolerated (compat): the value type. Not part of the official schema.',
  }
  consumedInput['required'] = {
    type: 'boolean',
    description: 'Tolerated (compat): whether the parameter must be supplied.',
  }
  consumedInput['description'] = {
    type: 'string',
    description: 'Tolerated (compat): a description of the parameter.',
  }
  // baseUri: empty (supplied by --upstream) and templated values are accepted with a warning
  const baseUri = (defs['ConsumesHttp']!['properties'] as JsonObject)['baseUri'] as JsonObject
  delete baseUri['pattern']
  // Generated files use snake_case segments in names (secret_id); they run fine
  const kebab = defs['IdentifierKebab']!
  kebab['pattern'] = '^[a-zA-Z0-9_-]+$'
  kebab['description'] =
    'Identifier: letters, digits and hyphens (underscores tolerated in compat; --strict rejects them).'
  // Scalar mapped outputs: alpha1 used `const` where alpha2 uses `value`
  for (const name of [
    'MappedOutputParameterString',
    'MappedOutputParameterNumber',
    'MappedOutputParameterBoolean',
  ]) {
    const branch = (defs[name]!['allOf'] as JsonObject[])[1]!
    delete branch['oneOf']
    delete branch['anyOf']
  }
  // alpha1 mocks wrote `const` where alpha2 writes `value`
  const mock = defs['MockOutputParameter']!
  mock['required'] = ['name', 'type']
  ;(mock['properties'] as JsonObject)['const'] = {
    description: 'alpha1 spelling of `value` (compat); write `value` for strict documents.',
  }
  return schema
}

/** Unknown keys become warnings (reported separately), oneOf becomes anyOf, and shapes/descriptions are optional. */
function relaxEverywhere(node: Json): void {
  if (Array.isArray(node)) {
    node.forEach(relaxEverywhere)
    return
  }
  if (node === null || typeof node !== 'object') return
  if (node['additionalProperties'] === false) delete node['additionalProperties']
  if (node['unevaluatedProperties'] === false) delete node['unevaluatedProperties']
  if (Array.isArray(node['oneOf'])) {
    node['anyOf'] = node['oneOf']
    delete node['oneOf']
  }
  if (Array.isArray(node['required'])) {
    const relaxed = node['required'].filter(
      (k) => k !== 'description' && k !== 'properties' && k !== 'items',
    )
    node['required'] = relaxed
  }
  for (const value of Object.values(node)) relaxEverywhere(value)
}
