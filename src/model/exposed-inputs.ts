/** Declared inputParameters of REST operations and MCP tools → Input[]. */
import type { Input, ValueType } from './types.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object'])

export function exposedInputs(raw: unknown, pointer: string, rc: ResolveContext): Input[] {
  return asArray(raw).flatMap((p, i) => {
    if (!isRecord(p) || typeof p.name !== 'string') return []
    const location = (asString(p.in) ?? 'body').toLowerCase()
    const loc = (
      ['path', 'query', 'header', 'cookie', 'body'].includes(location) ? location : 'body'
    ) as Input['location']
    const type = typeTag(p.type)
    const value = p.value
    const bodyPath =
      loc === 'body' && typeof value === 'string' && value.startsWith('$')
        ? rc.jsonPath(value, ptr(pointer, i, 'value'))
        : undefined
    const input: Input = {
      name: p.name,
      location: loc,
      type,
      required: typeof p.required === 'boolean' ? p.required : loc === 'path',
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
      ...(typeof p.pattern === 'string' ? { pattern: p.pattern } : {}),
      ...(value !== undefined && !bodyPath ? { fixed: value } : {}),
      ...(bodyPath ? { bodyPath } : {}),
      ...(type === 'array' && isRecord(p.items) ? { schema: { items: p.items } } : {}),
      inferred: false,
    }
    return [input]
  })
}

export function toolInputs(raw: unknown, pointer: string, rc: ResolveContext): Input[] {
  void pointer
  void rc
  return asArray(raw).flatMap((p) => {
    if (!isRecord(p) || typeof p.name !== 'string') return []
    const type = typeTag(p.type)
    return [
      {
        name: p.name,
        location: 'argument' as const,
        type,
        required: p.required !== false,
        ...(typeof p.description === 'string' ? { description: p.description } : {}),
        ...(type === 'array' && isRecord(p.items) ? { schema: { items: p.items } } : {}),
        inferred: false,
      },
    ]
  })
}

function typeTag(raw: unknown): ValueType {
  return (typeof raw === 'string' && TYPES.has(raw) ? raw : 'string') as ValueType
}
