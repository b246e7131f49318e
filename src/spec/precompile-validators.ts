/**
 * Build step: writes one CommonJS module per schema with Ajv standalone code for the schema and
 * every oneOf/anyOf branch, so a built Capstan validates without compiling schemas at start-up.
 * Run as `node dist/src/spec/precompile-validators.js <outDir>` (npm run build does).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import standaloneModule from 'ajv/dist/standalone/index.js'
import {
  createAjv,
  precompiledFileName,
  SCHEMA_NAMES,
  schemaFor,
  walkSchema,
  type SchemaName,
} from './create-validator.js'

const standalone = ((standaloneModule as unknown as { default?: unknown }).default ??
  standaloneModule) as unknown as typeof standaloneModule.default

export function precompileValidators(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true })
  return SCHEMA_NAMES.map((name) => {
    const file = join(outDir, precompiledFileName(name))
    // first pass: the code; second: the pointers of the schema objects it embeds, found by content
    writeFileSync(file, generate(name, undefined))
    const load = createRequire(file)
    const embedded = (load(file) as { schemaObjects: [object, string][] }).schemaObjects
    delete load.cache[file]
    writeFileSync(file, generate(name, pointersByContent(name, embedded)))
    return file
  })
}

function generate(name: SchemaName, pointers: string[] | undefined): string {
  const schema = schemaFor(name)
  const ajv = createAjv(true)
  ajv.addSchema(schema)
  const refs: Record<string, string> = { root: schema.$id }
  const branches: [string, string][] = []
  walkSchema(schema, '', (node, pointer) => {
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const list = (node as Record<string, unknown>)[keyword]
      if (!Array.isArray(list)) continue
      list.forEach((_, i) => {
        const exportName = `branch${branches.length}`
        refs[exportName] = `${schema.$id}#${pointer}/${keyword}/${i}`
        branches.push([`${pointer}/${keyword}/${i}`, exportName])
      })
    }
  })
  const code = standalone(ajv, refs)
  const constants = [...new Set([...code.matchAll(/\bconst (schema\d+) = /g)].map((m) => m[1]!))]
  const pairs = constants.map((c, i) => `[${c}, ${JSON.stringify(pointers?.[i] ?? '')}]`)
  return [
    `// Generated from the ${name} schema by precompile-validators.ts at build time. Do not edit.`,
    code,
    `exports.branches = {${branches.map(([p, e]) => `${JSON.stringify(p)}: exports.${e}`).join(',')}};`,
    `exports.schemaObjects = [${pairs.join(',')}];`,
    '',
  ].join('\n')
}

/** The pointer of each embedded schema object: the subschema of the original with the same JSON. */
function pointersByContent(name: SchemaName, embedded: [object, string][]): string[] {
  const byText = new Map<string, string>()
  walkSchema(schemaFor(name), '', (node, pointer) => {
    const text = JSON.stringify(node)
    if (!byText.has(text)) byText.set(text, pointer)
  })
  return embedded.map(([object]) => {
    const pointer = byText.get(JSON.stringify(object))
    if (pointer === undefined)
      throw new Error(`${name}: generated schema object not found in the schema`)
    return pointer
  })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? fileURLToPath(new URL('./generated/', import.meta.url)))
  rmSync(outDir, { recursive: true, force: true })
  precompileValidators(outDir)
}
