/**
 * One YAML file → a LoadedDocument (plain data + positions) and the diagnostics of reading it.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js'
import type { ParseCache } from './parse-cache.js'
import { parseYaml, type SourceLocation } from './parse-yaml.js'
import { SPEC_VERSIONS, isSpecVersion } from './spec-versions.js'

export type { SourceLocation } from './parse-yaml.js'

export interface LoadedDocument {
  readonly file: string
  readonly text: string
  readonly data: unknown
  /** Value of `naftiko` (e.g. '1.0.0-alpha2'). */
  readonly version: string | undefined
  /** A root capability, or a shared consumes file (root `consumes`, no `capability`). */
  readonly kind: 'capability' | 'consumes' | 'unknown'
  locate(pointer: string): SourceLocation | undefined
  /** Like locate, but a mapping entry reports its key (for unknown or misplaced keys). */
  locateKey(pointer: string): SourceLocation | undefined
}

export function parseDocument(
  text: string,
  file: string,
  cache?: ParseCache,
): { document?: LoadedDocument; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(text, cache)
  const located = (
    code: DiagnosticCode,
    location: SourceLocation,
    message: string,
    pointer = '',
    hint?: string,
  ): Diagnostic => ({
    ...diagnostic(code, { message, pointer, ...(hint === undefined ? {} : { hint }) }),
    file,
    line: location.line,
    column: location.column,
  })
  if (parsed.problems.length > 0) {
    return {
      diagnostics: parsed.problems.map((p) =>
        p.kind === 'duplicate-key'
          ? located(
              'YAML_DUPLICATE_KEY',
              p.location,
              `${p.message}; a key may appear only once in a mapping`,
              '',
              'remove or rename the repeated key (YAML would silently keep only one of them)',
            )
          : located('YAML_SYNTAX', p.location, p.message, '', syntaxHint(p.kind)),
      ),
    }
  }
  const data = parsed.data
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const what =
      data === null || data === undefined
        ? 'empty'
        : Array.isArray(data)
          ? 'a list'
          : `a ${typeof data}`
    return {
      diagnostics: [
        located(
          'YAML_NOT_A_MAPPING',
          { line: 1, column: 1 },
          `the document root is ${what}; a capability file is a mapping that starts with 'naftiko: <version>'`,
          '',
          "start the file with 'naftiko: 1.0.0-alpha2' followed by 'info:' and 'capability:'",
        ),
      ],
    }
  }
  const root = data as Record<string, unknown>
  const rawVersion = root['naftiko']
  const version = rawVersion === undefined || rawVersion === null ? undefined : String(rawVersion)
  const kind: LoadedDocument['kind'] =
    'capability' in root ? 'capability' : 'consumes' in root ? 'consumes' : 'unknown'
  const document: LoadedDocument = {
    file,
    text,
    data,
    version,
    kind,
    locate: (pointer) => parsed.locate(pointer),
    locateKey: (pointer) => parsed.locateKey(pointer),
  }
  const at = (pointer: string): SourceLocation => parsed.locate(pointer) ?? { line: 1, column: 1 }
  const diagnostics: Diagnostic[] = []
  const supported = SPEC_VERSIONS.join(', ')
  if ('ikanos' in root && version === undefined) {
    diagnostics.push(
      located(
        'IKANOS_NOT_SUPPORTED',
        at('/ikanos'),
        `this is an Ikanos ${String(root['ikanos'])} document; Ikanos documents are not supported yet`,
        '/ikanos',
        `Capstan reads Naftiko ${supported}; keep a Naftiko version of this capability (root key 'naftiko:', lists instead of keyed maps, 'label' instead of 'display')`,
      ),
    )
  } else if (version === undefined) {
    diagnostics.push(
      located(
        'VERSION_MISSING',
        { line: 1, column: 1 },
        "the document has no 'naftiko' version key",
        '',
        `add 'naftiko: 1.0.0-alpha2' as the first line (supported: ${supported})`,
      ),
    )
  } else if (!isSpecVersion(version)) {
    diagnostics.push(
      located(
        'VERSION_UNSUPPORTED',
        at('/naftiko'),
        `naftiko version '${version}' is not supported (supported: ${supported})`,
        '/naftiko',
        typeof rawVersion === 'string'
          ? `set 'naftiko:' to one of ${supported}`
          : `quote the version as a string, e.g. naftiko: '1.0.0-alpha2'`,
      ),
    )
  }
  return { document, diagnostics }
}

function syntaxHint(kind: 'syntax' | 'alias-limit' | 'duplicate-key'): string {
  return kind === 'alias-limit'
    ? 'use fewer YAML aliases (*name); repeat the content instead'
    : 'check indentation (spaces only), unclosed quotes and brackets, and that each key is followed by ": "'
}
