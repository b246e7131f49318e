/**
 * Paths → resolved capabilities: expand, read, parse, validate (spec layer), resolve imports,
 * then resolve each capability. Never throws on user input; everything is a Diagnostic.
 */
import { readFileSync } from 'node:fs'
import { hasErrors, type Diagnostic } from '../diagnostics.js'
import { attachLocation } from '../spec/attach-location.js'
import { createValidator } from '../spec/create-validator.js'
import { expandPaths } from '../spec/expand-paths.js'
import { parseDocument, type LoadedDocument } from '../spec/load-document.js'
import { resolveImports } from '../spec/resolve-imports.js'
import { validateDocument, type Profile } from '../spec/validate-document.js'
import type { ParseCache } from '../spec/parse-cache.js'
import type { ValidationCache } from '../spec/validation-cache.js'
import { resolveCapability } from './resolve-capability.js'
import type { ConsumesEntry } from './resolve-upstreams.js'
import type { Capability } from './types.js'

export interface LoadOptions {
  readonly profile?: Profile
  readonly cwd?: string
  readonly readFile?: (path: string) => Promise<string>
  readonly upstreams?: ReadonlyMap<string, string>
  /** Structural diagnostics kept between runs by file content (the CLI's start-up cache). */
  readonly validationCache?: ValidationCache
  /** Parsed data kept between runs by file content (the CLI's start-up cache). */
  readonly parseCache?: ParseCache
}

export interface LoadResult {
  readonly capabilities: Capability[]
  readonly documents: LoadedDocument[]
  readonly diagnostics: Diagnostic[]
}

export async function loadCapabilities(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  // a synchronous read of a small file costs ~10 µs; the promise API's thread-pool hop costs ~10×
  const readFile =
    options.readFile ?? ((p: string) => Promise.resolve().then(() => readFileSync(p, 'utf8')))
  const { files, diagnostics } = await expandPaths([...paths], {
    cwd: options.cwd ?? process.cwd(),
  })
  const validator = createValidator()
  const capabilities: Capability[] = []
  const documents: LoadedDocument[] = []
  const texts = await readAll(files, readFile)
  for (const [index, file] of files.entries()) {
    const text = texts[index]
    if (text === undefined) {
      diagnostics.push({
        code: 'FILE_UNREADABLE',
        severity: 'error',
        message: `Cannot read ${file}.`,
        file,
        pointer: '',
        line: 1,
        column: 1,
        hint: 'Check the path and its permissions.',
      })
      continue
    }
    const parsed = parseDocument(text, file, options.parseCache)
    diagnostics.push(...parsed.diagnostics)
    const doc = parsed.document
    if (!doc) continue
    documents.push(doc)
    const structural = validateDocument(
      doc,
      options.profile ?? 'compat',
      validator,
      options.validationCache,
    )
    diagnostics.push(...structural)
    if (doc.kind !== 'capability' || hasErrors(structural)) continue
    const imports = await resolveImports(doc, { readFile })
    diagnostics.push(
      ...imports.diagnostics.map((d) => (d.line === undefined ? attachLocation(d, doc) : d)),
    )
    const entries: ConsumesEntry[] = imports.consumes.map((c) => ({
      entry: c.entry,
      pointer: c.pointer,
      file: c.document.file,
    }))
    const resolved = resolveCapability(
      doc.data,
      file,
      doc.version ?? '',
      entries,
      options.upstreams ? { upstreams: options.upstreams } : {},
    )
    diagnostics.push(...resolved.diagnostics.map((d) => attachLocation(d, doc)))
    if (resolved.capability) capabilities.push(resolved.capability)
  }
  return { capabilities, documents, diagnostics }
}

/** Reads in parallel (the loader is I/O-bound on many small files), a bounded number at a time. */
async function readAll(
  files: readonly string[],
  readFile: (path: string) => Promise<string>,
): Promise<(string | undefined)[]> {
  const texts: (string | undefined)[] = new Array(files.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++
      texts[index] = await readFile(files[index]!).catch(() => undefined)
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker))
  return texts
}

const READ_CONCURRENCY = 16
