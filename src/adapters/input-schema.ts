/**
 * Turns a plan's exposed inputs into the JSON Schema (2020-12) a client reads to know which
 * arguments to send: MCP tool `inputSchema` and, later, REST/OpenAPI request shapes.
 */
import type { Input } from '../model/types.js'

export type JsonSchema = Record<string, unknown>

/** Builds the object schema for a set of inputs; fixed inputs are not the caller's to send. */
export function toInputSchema(inputs: readonly Input[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  let openBody = false
  for (const input of inputs) {
    if (input.fixed !== undefined) continue
    properties[input.name] = propertySchema(input)
    if (input.required) required.push(input.name)
    if (
      input.type === 'object' &&
      (input.wholeBody === true || (input.inferred && input.location === 'body'))
    )
      openBody = true
  }
  const schema: JsonSchema = { type: 'object', properties }
  if (required.length > 0) schema.required = required
  // An inferred body object forwards whatever the caller sends, so extra keys are legitimate.
  if (!openBody) schema.additionalProperties = false
  return schema
}

function propertySchema(input: Input): JsonSchema {
  const declared = input.schema
  let schema: JsonSchema
  if (input.type === 'array') {
    schema = { type: 'array', items: arrayItems(declared) }
  } else if (input.type === 'object') {
    schema = objectSchema(declared)
  } else if (declared !== undefined && declared.type === input.type) {
    schema = { ...declared }
  } else {
    schema = { type: input.type }
  }
  if (input.pattern !== undefined && input.type === 'string') schema.pattern = input.pattern
  if (input.description !== undefined) schema.description = input.description
  return schema
}

/** `schema` on an array input is either the full array schema or the schema of one item. */
function arrayItems(declared: Readonly<Record<string, unknown>> | undefined): unknown {
  if (declared === undefined) return {}
  if (declared.type === 'array' || 'items' in declared) return declared.items ?? {}
  return { ...declared }
}

/** `schema` on an object input is either a full object schema or a map of property schemas. */
function objectSchema(declared: Readonly<Record<string, unknown>> | undefined): JsonSchema {
  if (declared === undefined) return { type: 'object' }
  if (declared.type === 'object' || 'properties' in declared) return { ...declared, type: 'object' }
  return { type: 'object', properties: { ...declared } }
}
