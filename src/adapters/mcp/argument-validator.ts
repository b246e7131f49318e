/**
 * Compiles a tool's input schema once (Ajv, JSON Schema 2020-12) into a check that names the
 * first argument at fault and the rule it broke, in words an agent can act on.
 */
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import { loadAjv } from '../../spec/load-ajv.js'
import type { JsonSchema } from '../input-schema.js'

export type ArgumentValidator = (args: Record<string, unknown>) => string | undefined

/** One Ajv instance per adapter, made on the first tool call: compiled validators share its cache. */
export function createSchemaCompiler(): (schema: JsonSchema) => ArgumentValidator {
  let ajv: Ajv2020 | undefined
  const instance = (): Ajv2020 => {
    if (ajv !== undefined) return ajv
    const { Ajv2020, addFormats } = loadAjv()
    // strict:false because author-supplied item schemas may carry annotation keywords Ajv does not know.
    ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: true })
    addFormats(ajv)
    return ajv
  }
  return (schema) => {
    // compiled on the tool's first call (then kept): start-up does not pay for tools never called
    let validate: ValidateFunction | undefined
    return (args) => {
      try {
        validate ??= instance().compile(schema)
      } catch {
        return 'The tool input schema cannot be checked; fix its inputParameters in the capability file'
      }
      return validate(args) ? undefined : describeError(validate.errors?.[0])
    }
  }
}

function describeError(error: ErrorObject | undefined): string {
  if (error === undefined) return 'Arguments do not match the tool input schema'
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `Argument \`${join(path, String(params.missingProperty))}\` is required`
    case 'additionalProperties':
      return `Argument \`${join(path, String(params.additionalProperty))}\` is not accepted by this tool`
    case 'type':
      return `Argument \`${path || '(arguments)'}\` must be ${String(params.type)}`
    default:
      return `Argument \`${path || '(arguments)'}\` ${error.message ?? 'is invalid'}`
  }
}

function join(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`
}
