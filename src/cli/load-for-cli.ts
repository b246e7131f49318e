/** Shared by commands: load paths, print diagnostics, and report whether errors stop the command. */
import { readFileSync } from 'node:fs'
import { hasErrors, type Diagnostic } from '../diagnostics.js'
import { loadCapabilities, type LoadResult } from '../model/load-capabilities.js'
import type { Profile } from '../spec/validate-document.js'
import type { CliIo } from './io.js'
import { renderDiagnostics } from './print-diagnostics.js'

export async function loadForCli(
  paths: string[],
  io: CliIo,
  options: {
    profile?: Profile
    upstreams?: ReadonlyMap<string, string>
    quiet?: boolean
    format?: 'text' | 'json'
  },
): Promise<LoadResult & { failed: boolean }> {
  const result = await loadCapabilities(paths, {
    cwd: io.cwd,
    profile: options.profile ?? 'compat',
    ...(options.upstreams ? { upstreams: options.upstreams } : {}),
    ...(io.validationCache ? { validationCache: io.validationCache } : {}),
    ...(io.parseCache ? { parseCache: io.parseCache } : {}),
  })
  const failed = hasErrors(result.diagnostics)
  const shown = options.quiet
    ? result.diagnostics.filter((d) => d.severity === 'error')
    : result.diagnostics
  if (shown.length > 0 && options.format !== 'json') io.stderr(render(shown, 'text') + '\n')
  return { ...result, failed }
}

export function render(diagnostics: readonly Diagnostic[], format: 'text' | 'json'): string {
  return renderDiagnostics(diagnostics, {
    format,
    readSource: (file) => {
      try {
        return readFileSync(file, 'utf8')
      } catch {
        return undefined
      }
    },
  })
}
