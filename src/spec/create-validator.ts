/**
 * A schema validator. Each schema comes precompiled (Ajv standalone code generated at build time
 * by precompile-validators.ts, with the branch validators that explain oneOf/anyOf failures) or,
 * when no precompiled module is present (tests on the sources), is compiled once, lazily, here.
 */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { ErrorObject, ValidateFunction } from 'ajv'
import type { Ajv2020 } from 'ajv/dist/2020.js'
import { buildCompatSchema } from './build-compat-schema.js'
import { explainErrors } from './explain-errors.js'
import { loadAjv } from './load-ajv.js'
import type { SpecVersion } from './spec-versions.js'

export type SchemaName = SpecVersion | 'compat'

export const SCHEMA_NAMES: readonly SchemaName[] = [
  '1.0.0-alpha1',
  '1.0.0-alpha2',
  '1.0.0-alpha3',
  'compat',
]

export interface SchemaValidator {
  /** Validates data against a schema; oneOf/anyOf failures are narrowed to the closest branch. */
  validate(schema: SchemaName, data: unknown): ErrorObject[]
  /** How many schemas or branches had to be compiled in this process (0 when all came built). */
  runtimeCompiles(): number
}

/** What a generated module exports (see precompile-validators.ts). */
export interface PrecompiledSchema {
  readonly root: ValidateFunction
  /** Branch pointer (e.g. `/$defs/X/oneOf/1`) → its validator. */
  readonly branches: Readonly<Record<string, ValidateFunction>>
  /** Every schema object the generated code reports as `parentSchema`, with its pointer. */
  readonly schemaObjects: readonly (readonly [object, string])[]
}

export interface ValidatorOptions {
  /** Directory of generated modules; default: `generated/` beside this file (built package). */
  readonly precompiledDir?: string
}

/** A fresh copy of a schema as both paths compile it. */
export function schemaFor(name: SchemaName): { $id: string } {
  const schema =
    name === 'compat'
      ? buildCompatSchema(officialSchema('1.0.0-alpha2'))
      : structuredClone(officialSchema(name))
  return schema as { $id: string }
}

/** The official schemas (~250 KB) are read only when a schema is compiled here or at build time. */
function officialSchema(name: SpecVersion): object {
  // the CommonJS bundle sees literal requires and keeps each schema out of start-up until asked for
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (typeof require === 'function') {
    switch (name) {
      case '1.0.0-alpha1':
        return require('./schemas/naftiko-schema-1.0.0-alpha1.json')
      case '1.0.0-alpha2':
        return require('./schemas/naftiko-schema-1.0.0-alpha2.json')
      case '1.0.0-alpha3':
        return require('./schemas/naftiko-schema-1.0.0-alpha3.json')
    }
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return createRequire(import.meta.url)(`./schemas/naftiko-schema-${name}.json`) as object
}

/** The one set of Ajv options, shared with the build-time generator so both agree. */
export function createAjv(source = false): Ajv2020 {
  const { Ajv2020, addFormats } = loadAjv()
  // optimize: false skips Ajv's code clean-up passes: ~40% less compile time, same validation speed
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    verbose: true,
    logger: false,
    code: { optimize: false, source },
  })
  addFormats(ajv)
  return ajv
}

export function precompiledFileName(name: SchemaName): string {
  return `schema-${name}.cjs`
}

export function createValidator(options: ValidatorOptions = {}): SchemaValidator {
  const dir = options.precompiledDir ?? fileURLToPath(new URL('./generated/', import.meta.url))
  const requireFrom = createRequire(`${dir.replace(/\/?$/, '/')}index.cjs`)
  const precompiled = new Map<SchemaName, PrecompiledSchema | undefined>()
  const pointers = new WeakMap<object, string>()
  const contents = new WeakMap<object, string>()
  const loadPrecompiled = (name: SchemaName): PrecompiledSchema | undefined => {
    if (precompiled.has(name)) return precompiled.get(name)
    let mod: PrecompiledSchema | undefined
    try {
      mod = requireFrom(`./${precompiledFileName(name)}`) as PrecompiledSchema
      for (const [object, pointer] of mod.schemaObjects) indexPointers(object, pointer, pointers)
    } catch {
      mod = undefined // not built (sources under test): compile below instead
    }
    precompiled.set(name, mod)
    return mod
  }

  let ajv: Ajv2020 | undefined
  const ids = new Map<SchemaName, string>()
  const fragments = new Map<string, ValidateFunction>()
  let runtimeCompiles = 0
  const register = (name: SchemaName): string => {
    const known = ids.get(name)
    if (known) return known
    const schema = schemaFor(name)
    indexPointers(schema, '', pointers)
    ajv ??= createAjv()
    ajv.addSchema(schema)
    ids.set(name, schema.$id)
    return schema.$id
  }
  const compiled = (name: SchemaName, pointer: string): ValidateFunction => {
    const key = `${register(name)}#${pointer}`
    let fn = fragments.get(key)
    if (!fn) {
      fn = ajv!.getSchema(key)
      if (!fn) throw new Error(`schema fragment not found: ${key}`)
      runtimeCompiles++
      fragments.set(key, fn)
    }
    return fn
  }
  const fragment = (name: SchemaName, pointer: string): ValidateFunction => {
    const pre = loadPrecompiled(name)
    const fn = pre ? (pointer === '' ? pre.root : pre.branches[pointer]) : undefined
    return fn ?? compiled(name, pointer)
  }
  return {
    runtimeCompiles: () => runtimeCompiles,
    validate(name, data) {
      return explainErrors(data, '', fragment(name, ''), {
        branch: (parent, keyword, index) => {
          const at = pointers.get(parent)
          return at === undefined ? undefined : fragment(name, `${at}/${keyword}/${index}`)
        },
        // generated code embeds one copy of a subschema per function: compare them by content
        schemaKey: (schema) => {
          let key = contents.get(schema)
          if (key === undefined) contents.set(schema, (key = JSON.stringify(schema)))
          return key
        },
      })
    },
  }
}

export function indexPointers(node: unknown, pointer: string, into: WeakMap<object, string>): void {
  walkSchema(node, pointer, (object, at) => into.set(object, at))
}

/** Visits every object and array of a schema with its JSON pointer. */
export function walkSchema(
  node: unknown,
  pointer: string,
  visit: (node: object, pointer: string) => void,
): void {
  if (node === null || typeof node !== 'object') return
  visit(node, pointer)
  for (const [key, value] of Object.entries(node)) {
    walkSchema(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit)
  }
}
