/**
 * Glue for commands: expand path arguments, read, parse and validate every file.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js'
import { createValidator } from './create-validator.js'
import { expandPaths } from './expand-paths.js'
import { parseDocument, type LoadedDocument } from './load-document.js'
import { validateDocument, type Profile } from './validate-document.js'

export async function loadFiles(
  args: string[],
  options: { profile: Profile; cwd: string; readFile(path: string): Promise<string> },
): Promise<{ documents: LoadedDocument[]; diagnostics: Diagnostic[] }> {
  const expanded = await expandPaths(args, { cwd: options.cwd })
  const diagnostics: Diagnostic[] = [...expanded.diagnostics]
  const documents: LoadedDocument[] = []
  const validator = createValidator()
  for (const file of expanded.files) {
    let text: string
    try {
      text = await options.readFile(file)
    } catch (err) {
      diagnostics.push({
        ...diagnostic('FILE_UNREADABLE', {
          message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`,
          pointer: '',
          hint: 'check that the file exists and is readable by this user',
        }),
        file,
        line: 1,
        column: 1,
      })
      continue
    }
    const parsed = parseDocument(text, file)
    const document = parsed.document
    // files found by directory/glob expansion without a version key are other YAML (OpenAPI, bind files)
    if (
      document &&
      !expanded.explicit.includes(file) &&
      document.version === undefined &&
      !('ikanos' in (document.data as object))
    ) {
      continue
    }
    diagnostics.push(...parsed.diagnostics)
    if (!document || parsed.diagnostics.some((d) => d.severity === 'error')) continue
    diagnostics.push(...validateDocument(document, options.profile, validator))
    documents.push(document)
  }
  return { documents, diagnostics }
}
