/** `capstan validate [--strict] [--format json] <paths...>`: 0 no errors, 1 errors, 2 usage. */
import { parseArgs } from 'node:util'
import { hasErrors } from '../../diagnostics.js'
import { loadCapabilities } from '../../model/load-capabilities.js'
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { render } from '../load-for-cli.js'

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        strict: { type: 'boolean' },
        format: { type: 'string', default: 'text' },
        quiet: { type: 'boolean' },
      },
    })
  } catch (error) {
    io.stderr(
      `capstan validate: ${(error as Error).message}\nusage: capstan validate [--strict] [--format text|json] <paths...>\n`,
    )
    return EXIT_USAGE
  }
  const format = parsed.values.format
  if ((format !== 'text' && format !== 'json') || parsed.positionals.length === 0) {
    io.stderr('usage: capstan validate [--strict] [--format text|json] <paths...>\n')
    return EXIT_USAGE
  }
  const result = await loadCapabilities(parsed.positionals, {
    cwd: io.cwd,
    profile: parsed.values.strict ? 'strict' : 'compat',
    ...(io.validationCache ? { validationCache: io.validationCache } : {}),
    ...(io.parseCache ? { parseCache: io.parseCache } : {}),
  })
  const shown = parsed.values.quiet
    ? result.diagnostics.filter((d) => d.severity !== 'info')
    : result.diagnostics
  if (format === 'json') io.stdout(render(shown, 'json') + '\n')
  else {
    if (shown.length > 0) io.stdout(render(shown, 'text') + '\n')
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length
    const infos = result.diagnostics.filter((d) => d.severity === 'info').length
    io.stdout(
      `${result.documents.length} file(s): ${errors} error(s), ${warnings} warning(s), ${infos} info\n`,
    )
  }
  return hasErrors(result.diagnostics) ? EXIT_ERRORS : EXIT_OK
}
