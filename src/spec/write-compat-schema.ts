/** Regenerates schemas/capability.schema.json: `npx tsx src/spec/write-compat-schema.ts`. */
import { writeFileSync } from 'node:fs'
import alpha2 from './schemas/naftiko-schema-1.0.0-alpha2.json' with { type: 'json' }
import { buildCompatSchema } from './build-compat-schema.js'

export function compatSchemaText(): string {
  return JSON.stringify(buildCompatSchema(alpha2), null, 2) + '\n'
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  writeFileSync(
    new URL('../../schemas/capability.schema.json', import.meta.url),
    compatSchemaText(),
  )
}
