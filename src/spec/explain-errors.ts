/**
 * Narrows Ajv's allErrors output: for every failed oneOf/anyOf, keep only the errors of the branch
 * that came closest (fewest errors, wrong discriminators penalised) instead of all branches' noise.
 */
import type { ErrorObject, ValidateFunction } from 'ajv'

export interface BranchLookup {
  branch(
    parentSchema: object,
    keyword: 'oneOf' | 'anyOf',
    index: number,
  ): ValidateFunction | undefined
  /** A stable name for a schema object (its pointer), when copies of it may differ in identity. */
  schemaKey?(schema: object): string | undefined
}

/** Ajv's recursion is bounded by the data; this bounds our re-validation too. */
const MAX_DEPTH = 64

export function explainErrors(
  data: unknown,
  base: string,
  validate: ValidateFunction,
  lookup: BranchLookup,
  depth = 0,
  memo: KeyMemo = { schemas: new Map(), errors: new WeakMap() },
): ErrorObject[] {
  if (validate(data)) return []
  const raw = (validate.errors ?? []).map((e) => ({ ...e, instancePath: base + e.instancePath }))
  if (depth >= MAX_DEPTH) return raw
  const combinators = raw
    .filter((e) => isFailedCombinator(e))
    .sort((a, b) => depthOf(a.instancePath) - depthOf(b.instancePath))
  let result = raw
  const handled = new Set<ErrorObject>()
  for (const combinator of combinators) {
    if (!result.includes(combinator) || handled.has(combinator)) continue
    handled.add(combinator)
    const keyword = combinator.keyword as 'oneOf' | 'anyOf'
    const branches = combinator.schema as unknown[]
    const parent = combinator.parentSchema as object
    const target = valueAt(data, combinator.instancePath.slice(base.length))
    const explained: { errors: ErrorObject[]; score: number }[] = []
    const branchKeys = new Set<string>()
    let resolvable = true
    for (let i = 0; i < branches.length; i++) {
      const fn = lookup.branch(parent, keyword, i)
      if (!fn) {
        resolvable = false
        break
      }
      fn(target)
      for (const e of fn.errors ?? []) {
        branchKeys.add(
          errorKey({ ...e, instancePath: combinator.instancePath + e.instancePath }, memo, lookup),
        )
      }
      const errors = explainErrors(target, combinator.instancePath, fn, lookup, depth + 1, memo)
      explained.push({ errors, score: scoreOf(errors, combinator.instancePath, target) })
    }
    if (!resolvable || explained.length === 0) continue
    const best = explained.reduce((a, b) => (b.score < a.score ? b : a))
    // errors of every branch (and the combinator itself) give way to the best branch's explanation
    result = [
      ...result.filter((e) => e !== combinator && !branchKeys.has(errorKey(e, memo, lookup))),
      ...best.errors,
    ]
  }
  return dedupe(result)
}

function isFailedCombinator(e: ErrorObject): boolean {
  if (e.keyword === 'anyOf') return true
  // oneOf with passingSchemas set means "matched several", which no branch explains
  return e.keyword === 'oneOf' && (e.params as { passingSchemas: unknown }).passingSchemas == null
}

/**
 * Lower is closer. A wrong `type` discriminator almost never is the author's intent; missing or
 * unexpected keys on the object itself weigh more than problems further down (which show the
 * branch's shape did match).
 */
function scoreOf(errors: ErrorObject[], at: string, target: unknown): number {
  let score = 0
  let unknownKeys = 0
  for (const e of errors) {
    const discriminator =
      (e.keyword === 'const' || e.keyword === 'enum') &&
      (e.instancePath === `${at}/type` || e.instancePath === at)
    const wrongKind = e.keyword === 'type' && e.instancePath === at
    const topLevel =
      e.instancePath === at &&
      (e.keyword === 'required' ||
        e.keyword === 'additionalProperties' ||
        e.keyword === 'unevaluatedProperties')
    if (topLevel && e.keyword !== 'required') unknownKeys++
    score += discriminator || wrongKind ? 100 : topLevel ? 10 : 1
  }
  // a branch that does not know half of the object's keys describes another kind of object
  const keys = target !== null && typeof target === 'object' ? Object.keys(target).length : 0
  if (keys > 0 && unknownKeys * 2 >= keys) score += 1000
  return score
}

/** Same error inline and in a standalone branch run: same instance, keyword, params and schema object. */
function errorKey(e: ErrorObject, memo: KeyMemo, lookup: BranchLookup): string {
  const known = memo.errors.get(e)
  if (known !== undefined) return known
  const parent = e.parentSchema as object
  let id: number | string | undefined = lookup.schemaKey?.(parent) ?? memo.schemas.get(parent)
  if (id === undefined) {
    id = memo.schemas.size
    memo.schemas.set(parent, id)
  }
  const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}\u0000${id}`
  memo.errors.set(e, key)
  return key
}

/** Per explanation: schema ids, and each error's key computed once (every combinator filters by it). */
interface KeyMemo {
  readonly schemas: Map<object, number>
  readonly errors: WeakMap<ErrorObject, string>
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function depthOf(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length - 1
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data
  let node: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}
