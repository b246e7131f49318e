/**
 * Imported consumes (`{location, import, as}`): replaced by a deep copy of the named entry of a local
 * shared consumes file. Never fetched over the network.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { diagnostic, hasErrors, joinPointer, type Diagnostic } from '../diagnostics.js'
import { attachLocation } from './attach-location.js'
import { parseDocument, type LoadedDocument } from './load-document.js'

export interface ResolvedConsumes {
  /** The consumes entry (imports replaced by a deep copy, namespace renamed by `as`). */
  readonly entry: unknown
  /** Pointer of the entry in `document`. */
  readonly pointer: string
  /** The file the entry came from, for positions. */
  readonly document: LoadedDocument
}

export async function resolveImports(
  doc: LoadedDocument,
  io: { readFile(path: string): Promise<string> },
): Promise<{ consumes: ResolvedConsumes[]; diagnostics: Diagnostic[] }> {
  const root = doc.data as { consumes?: unknown; capability?: { consumes?: unknown } } | null
  const fromCapability = Array.isArray(root?.capability?.consumes)
  const list = (fromCapability ? root?.capability?.consumes : root?.consumes) as unknown
  const base = fromCapability ? '/capability/consumes' : '/consumes'
  const consumes: ResolvedConsumes[] = []
  const diagnostics: Diagnostic[] = []
  if (!Array.isArray(list)) return { consumes, diagnostics }
  const cache = new Map<
    string,
    Promise<{ document?: LoadedDocument; diagnostics: Diagnostic[] } | 'missing'>
  >()
  const load = (file: string) => {
    let pending = cache.get(file)
    if (!pending) {
      pending = io.readFile(file).then(
        (text) => parseDocument(text, file),
        () => 'missing' as const,
      )
      cache.set(file, pending)
    }
    return pending
  }
  for (let i = 0; i < list.length; i++) {
    const entry = list[i] as Record<string, unknown> | null
    const pointer = joinPointer(base, i)
    const location = entry?.['location']
    if (entry === null || typeof entry !== 'object' || typeof location !== 'string') {
      consumes.push({ entry, pointer, document: doc })
      continue
    }
    const report = (d: Diagnostic) => diagnostics.push(attachLocation(d, doc))
    const target = resolveLocation(location, doc.file)
    if (target === 'remote') {
      report(
        diagnostic('IMPORT_REMOTE', {
          message: `import location ${JSON.stringify(location)} is remote; Capstan never fetches imports over the network`,
          pointer: joinPointer(pointer, 'location'),
          hint: 'download the shared consumes file next to the capability and use a relative path, e.g. ./shared/consumes.yaml',
        }),
      )
      continue
    }
    const namespace = entry['import']
    const loaded = await load(target)
    if (loaded === 'missing') {
      report(
        diagnostic('IMPORT_NOT_FOUND', {
          message: `import location ${JSON.stringify(location)} does not exist (looked for ${target})`,
          pointer: joinPointer(pointer, 'location'),
          hint: "the location is relative to the importing file's directory",
        }),
      )
      continue
    }
    if (
      !loaded.document ||
      hasErrors(loaded.diagnostics.filter((d) => d.code.startsWith('YAML_')))
    ) {
      diagnostics.push(...loaded.diagnostics)
      continue
    }
    const shared = loaded.document
    const entries = (shared.data as { consumes?: unknown }).consumes
    const index = Array.isArray(entries)
      ? entries.findIndex((e) => (e as { namespace?: unknown } | null)?.namespace === namespace)
      : -1
    if (index < 0) {
      const available = Array.isArray(entries)
        ? entries
            .map((e) => (e as { namespace?: unknown } | null)?.namespace)
            .filter((n) => typeof n === 'string')
        : []
      report(
        diagnostic('IMPORT_NAMESPACE_NOT_FOUND', {
          message: `namespace ${JSON.stringify(namespace)} is not in the consumes of ${location}`,
          pointer: joinPointer(pointer, 'import'),
          hint:
            available.length > 0
              ? `available namespaces: ${available.join(', ')}`
              : `${location} has no root 'consumes' list`,
        }),
      )
      continue
    }
    const copy = structuredClone((entries as unknown[])[index]) as Record<string, unknown>
    const alias = entry['as']
    if (typeof alias === 'string' && alias !== '') copy['namespace'] = alias
    consumes.push({ entry: copy, pointer: joinPointer('/consumes', index), document: shared })
  }
  return { consumes, diagnostics }
}

/** Relative paths and file: URIs resolve against the importing file; any other scheme is remote. */
function resolveLocation(location: string, importingFile: string): string | 'remote' {
  const dir = path.dirname(importingFile)
  if (location.startsWith('file://')) return fileURLToPath(location)
  if (location.startsWith('file:')) return path.resolve(dir, location.slice('file:'.length))
  // a one-letter scheme is a Windows drive (C:\...), not a URL
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(location)) return 'remote'
  return path.resolve(dir, location)
}
