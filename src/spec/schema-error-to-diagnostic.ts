/**
 * One Ajv error → one specific diagnostic: the offending node's pointer, what was expected, and how to fix it.
 */
import type { ErrorObject } from 'ajv'
import { diagnostic, joinPointer, type Diagnostic, type Severity } from '../diagnostics.js'
import { describePointer } from './describe-pointer.js'

export function schemaErrorToDiagnostic(e: ErrorObject, severity?: Severity): Diagnostic {
  const at = e.instancePath
  const where = describePointer(at)
  const params = e.params as Record<string, unknown>
  const over = severity === undefined ? {} : { severity }
  switch (e.keyword) {
    case 'required': {
      const missing = String(params['missingProperty'])
      return diagnostic('SCHEMA_REQUIRED', {
        message: `${where} is missing the required property '${missing}'`,
        pointer: joinPointer(at, missing),
        hint: `add '${missing}:' to ${where}`,
        ...over,
      })
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params['additionalProperty'] ?? params['unevaluatedProperty'])
      const known = knownProperties(e.parentSchema)
      const suggestion = closest(key, known)
      return diagnostic('SCHEMA_UNKNOWN_PROPERTY', {
        message: `${where} has an unknown property '${key}'`,
        pointer: joinPointer(at, key),
        hint: suggestion
          ? `did you mean '${suggestion}'? Otherwise remove '${key}'`
          : known.length > 0
            ? `remove '${key}'; allowed here: ${known.join(', ')}`
            : `remove '${key}'`,
        ...over,
      })
    }
    case 'type':
      return diagnostic('SCHEMA_TYPE', {
        message: `${where} must be ${article(String(params['type']))}, not ${kindOf(e.data)}`,
        pointer: at,
        hint: typeHint(String(params['type']), e.data),
        ...over,
      })
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v))
      return diagnostic('SCHEMA_ENUM', {
        message: `${where} is ${JSON.stringify(e.data)}, which is not one of ${allowed.join(', ')}`,
        pointer: at,
        hint: `use one of ${allowed.join(', ')}`,
        ...over,
      })
    }
    case 'const':
      return diagnostic('SCHEMA_CONST', {
        message: `${where} must be ${JSON.stringify(params['allowedValue'])}, not ${JSON.stringify(e.data)}`,
        pointer: at,
        hint: `set it to ${JSON.stringify(params['allowedValue'])}`,
        ...over,
      })
    case 'pattern':
    case 'format': {
      const expected =
        e.keyword === 'pattern'
          ? `the pattern ${String(params['pattern'])}`
          : `a ${String(params['format'])}`
      const about = schemaDescription(e.parentSchema)
      return diagnostic('SCHEMA_PATTERN', {
        message: `${where} is ${JSON.stringify(e.data)}, which does not match ${expected}`,
        pointer: at,
        hint: about ?? `change the value so it matches ${expected}`,
        ...over,
      })
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
    case 'maxProperties':
      return diagnostic('SCHEMA_RANGE', {
        message: `${where} ${e.message ?? 'is out of range'}`,
        pointer: at,
        hint: rangeHint(e.keyword, params['limit']),
        ...over,
      })
    default:
      return diagnostic('SCHEMA_SHAPE', {
        message: `${where} ${shapeMessage(e)}`,
        pointer: at,
        hint:
          schemaDescription(e.parentSchema) ??
          'compare it with the examples in the Naftiko specification',
        ...over,
      })
  }
}

function shapeMessage(e: ErrorObject): string {
  if (e.keyword === 'oneOf')
    return 'matches more than one of the allowed shapes; remove the keys of all but one'
  if (e.keyword === 'anyOf') return 'matches none of the allowed shapes'
  if (e.keyword === 'not') return 'uses a combination of keys that is not allowed'
  return e.message ?? 'does not have the expected shape'
}

function knownProperties(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties
  return props ? Object.keys(props).filter((k) => props[k] !== false) : []
}

function schemaDescription(schema: unknown): string | undefined {
  const d = (schema as { description?: unknown } | undefined)?.description
  return typeof d === 'string' ? d : undefined
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `${article(typeof value)} (${JSON.stringify(value)})`
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    integer: 'an integer',
    string: 'a string',
    number: 'a number',
    boolean: 'a boolean (true or false)',
  }
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ')
}

function typeHint(expected: string, actual: unknown): string {
  if (expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean')) {
    return `quote the value: '${String(actual)}'`
  }
  if ((expected === 'integer' || expected === 'number') && typeof actual === 'string') {
    return `write a number without quotes, e.g. 8080`
  }
  if (expected === 'array') return 'write a YAML list, one "- item" per line'
  if (expected === 'object') return 'write a mapping of "key: value" lines'
  return `write ${article(expected)}`
}

function rangeHint(keyword: string, limit: unknown): string {
  if (keyword === 'minItems') return `the list needs at least ${String(limit)} item(s)`
  if (keyword === 'maxItems') return `the list allows at most ${String(limit)} item(s)`
  if (keyword === 'minLength') return `the text needs at least ${String(limit)} character(s)`
  return `use a value within the allowed range (limit ${String(limit)})`
}

/** The nearest known key by edit distance, when close enough to be a typo. */
function closest(key: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1
  for (const c of candidates) {
    const d = editDistance(key.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}
