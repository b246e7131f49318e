/**
 * In the compat profile, what the official schema rejects but Capstan tolerates becomes a warning:
 * a COMPAT_* code naming the rule and the strict rewrite, or the schema code downgraded.
 */
import type { ErrorObject } from 'ajv'
import { diagnostic, joinPointer, type Diagnostic } from '../diagnostics.js'
import { describePointer, lastSegment, parentPointer } from './describe-pointer.js'
import { schemaErrorToDiagnostic } from './schema-error-to-diagnostic.js'

const CONSUMED_INPUT =
  /\/consumes\/\d+(?:\/resources\/\d+(?:\/operations\/\d+)?)?\/inputParameters\/\d+$/
const TOLERATED_INPUT_KEYS = new Set(['type', 'required', 'description'])

export function compatDeviations(officialErrors: ErrorObject[], data: unknown): Diagnostic[] {
  const out: Diagnostic[] = []
  const inputKeys = new Map<string, string[]>()
  for (const e of officialErrors) {
    const d = schemaErrorToDiagnostic(e, 'warning')
    const params = e.params as Record<string, unknown>
    const at = e.instancePath
    if (d.code === 'SCHEMA_UNKNOWN_PROPERTY') {
      const key = lastSegment(d.pointer)
      if (CONSUMED_INPUT.test(at) && TOLERATED_INPUT_KEYS.has(key)) {
        inputKeys.set(at, [...(inputKeys.get(at) ?? []), key])
        continue
      }
      if (at === '/info' && key === 'title') continue
      out.push({ ...d, message: `${d.message} (ignored; --strict rejects it)` })
      continue
    }
    if (e.keyword === 'required') {
      const missing = String(params['missingProperty'])
      if (missing === 'description') {
        out.push(
          diagnostic('COMPAT_MISSING_DESCRIPTION', {
            message: `${describePointer(at)} has no description (compat rule 1: ${describeDefault(at)})`,
            pointer: joinPointer(at, 'description'),
            hint: `strict: add 'description:' to ${describePointer(at)}; agents and users discover it through its description`,
          }),
        )
        continue
      }
      if (missing === 'label' && at === '/info' && hasKey(data, '/info', 'title')) {
        out.push(
          diagnostic('COMPAT_INFO_TITLE', {
            message: 'info.title is read as info.label (compat rule 1)',
            pointer: '/info/title',
            hint: "strict: rename 'title:' to 'label:' under info",
          }),
        )
        continue
      }
      if (missing === 'properties' || missing === 'items') {
        const kind = missing === 'properties' ? 'object' : 'array'
        out.push(
          diagnostic('COMPAT_OUTPUT_WITHOUT_SHAPE', {
            message: `${describePointer(at)} is an ${kind} output without '${missing}'; the mapped value passes through unchanged (compat rules 1 and 10)`,
            pointer: at,
            hint: `strict: declare '${missing}:' describing the ${kind === 'object' ? 'fields' : 'item shape'} to return`,
          }),
        )
        continue
      }
    }
    if (e.keyword === 'pattern' && lastSegment(at) === 'baseUri' && typeof e.data === 'string') {
      const uri = e.data
      if (uri.trim() === '') {
        out.push(
          diagnostic('COMPAT_EMPTY_BASE_URI', {
            message: `${describePointer(parentPointer(at))} has an empty baseUri; pass --upstream ${lastNamespace(data, at)}=<url> to supply it`,
            pointer: at,
            hint: 'strict: write the upstream root URL, e.g. https://api.example.com',
          }),
        )
        continue
      }
      // reported by baseUriChecks for every profile
      if (uri.includes('{')) continue
      // a baseUri that is not http(s) cannot run at all
      out.push(schemaErrorToDiagnostic(e))
      continue
    }
    out.push({
      ...d,
      message: `${d.message} (accepted by the compat profile; --strict rejects it)`,
    })
  }
  for (const [at, keys] of inputKeys) {
    out.push(
      diagnostic('COMPAT_CONSUMED_INPUT_KEYS', {
        message: `${describePointer(at)} has ${keys.map((k) => `'${k}'`).join(', ')}, which consumed inputs do not declare in Naftiko (compat rule 1: used for request building and checks)`,
        pointer: at,
        hint: `strict: remove ${keys.join('/')} from the consumed input; declare them on the exposed input instead`,
      }),
    )
  }
  return out
}

/**
 * Checks the official schema cannot express: a trailing slash (schema-valid, but the Java engine
 * doubles the slash) and a templated baseUri (rendered from binds, or supplied by --upstream).
 */
export function baseUriChecks(data: unknown): Diagnostic[] {
  const out: Diagnostic[] = []
  const visit = (consumes: unknown, base: string): void => {
    if (!Array.isArray(consumes)) return
    consumes.forEach((entry, i) => {
      const uri = (entry as { baseUri?: unknown } | null)?.baseUri
      if (typeof uri === 'string' && uri.includes('{')) {
        out.push(
          diagnostic('COMPAT_TEMPLATED_BASE_URI', {
            message: `baseUri ${JSON.stringify(uri)} contains a template; it is rendered from binds at load time`,
            pointer: joinPointer(base, i, 'baseUri'),
            hint: 'strict: write a literal URL (the official schema forbids { in the path), or supply it with --upstream',
          }),
        )
      }
      if (typeof uri === 'string' && /^https?:\/\/.+\/$/.test(uri)) {
        out.push(
          diagnostic('COMPAT_BASE_URI_TRAILING_SLASH', {
            message: `baseUri ${JSON.stringify(uri)} ends with '/'; Capstan joins it with resource paths without doubling the slash`,
            pointer: joinPointer(base, i, 'baseUri'),
            hint: `write ${JSON.stringify(uri.replace(/\/+$/, ''))}`,
          }),
        )
      }
    })
  }
  const root = data as { consumes?: unknown; capability?: { consumes?: unknown } } | null
  visit(root?.consumes, '/consumes')
  visit(root?.capability?.consumes, '/capability/consumes')
  return out
}

function describeDefault(at: string): string {
  if (/\/tools\/\d+$/.test(at)) return 'the tool name is used as its description'
  if (at === '/info') return 'the capability label is used'
  return 'an empty description is used'
}

function hasKey(data: unknown, pointer: string, key: string): boolean {
  let node = data as Record<string, unknown> | undefined
  for (const s of pointer.slice(1).split('/'))
    node = node?.[s] as Record<string, unknown> | undefined
  return node !== null && typeof node === 'object' && key in node
}

function lastNamespace(data: unknown, baseUriPointer: string): string {
  let node = data as Record<string, unknown> | undefined
  for (const s of parentPointer(baseUriPointer).slice(1).split('/')) {
    node = node?.[s] as Record<string, unknown> | undefined
  }
  const ns = node?.['namespace']
  return typeof ns === 'string' ? ns : '<namespace>'
}
