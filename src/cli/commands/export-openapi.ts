/** `capstan export openapi [--output FILE] <paths...>`: OpenAPI 3.1 of every REST expose. */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { toOpenApi } from '../../adapters/rest/to-openapi.js'
import type { RestExpose } from '../../model/types.js'
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { loadForCli } from '../load-for-cli.js'

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args
  if (what !== 'openapi') {
    io.stderr('usage: capstan export openapi [--output FILE] <paths...>\n')
    return EXIT_USAGE
  }
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' } },
    })
  } catch (error) {
    io.stderr(`capstan export: ${(error as Error).message}\n`)
    return EXIT_USAGE
  }
  if (parsed.positionals.length === 0) {
    io.stderr('usage: capstan export openapi [--output FILE] <paths...>\n')
    return EXIT_USAGE
  }
  const loaded = await loadForCli(parsed.positionals, io, { quiet: true })
  if (loaded.failed) return EXIT_ERRORS
  const exposes = loaded.capabilities.flatMap((c) =>
    c.exposes.filter((e): e is RestExpose => e.type === 'rest'),
  )
  const only = loaded.capabilities.length === 1 ? loaded.capabilities[0] : undefined
  const doc = toOpenApi(
    exposes,
    undefined,
    only
      ? { title: only.label, ...(only.description ? { description: only.description } : {}) }
      : { title: 'Capstan REST API' },
  )
  const text = JSON.stringify(doc, null, 2) + '\n'
  if (parsed.values.output) writeFileSync(parsed.values.output, text)
  else io.stdout(text)
  return EXIT_OK
}
