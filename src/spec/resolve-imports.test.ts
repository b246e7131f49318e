import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDocument, type LoadedDocument } from './load-document.js'
import { resolveImports } from './resolve-imports.js'

const DIR = '/caps'
const SHARED = `naftiko: 1.0.0-alpha2
consumes:
  - namespace: registry
    type: http
    baseUri: https://registry.example.com
    resources: []
  - namespace: legacy
    type: http
    baseUri: https://legacy.example.com
    resources: []
`

function capability(consumes: string): LoadedDocument {
  const text = `naftiko: 1.0.0-alpha2\ncapability:\n  consumes:\n${consumes}\n  exposes: []\n`
  return parseDocument(text, path.join(DIR, 'cap.yaml')).document!
}

const files: Record<string, string> = { [path.join(DIR, 'shared/consumes.yaml')]: SHARED }
const io = {
  readFile: async (file: string) => {
    const text = files[file]
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
    return text
  },
}

describe('resolveImports', () => {
  it('replaces an import by a deep copy from the file next to the importer, renamed by as', async () => {
    const doc = capability(
      [
        '    - type: http',
        '      namespace: inline',
        '      baseUri: https://inline.example.com',
        '    - location: ./shared/consumes.yaml',
        '      import: legacy',
        '      as: old',
        '    - location: file:shared/consumes.yaml',
        '      import: registry',
      ].join('\n'),
    )
    const r = await resolveImports(doc, io)
    expect(r.diagnostics).toEqual([])
    expect(
      r.consumes.map((c) => [(c.entry as { namespace: string }).namespace, c.pointer]),
    ).toEqual([
      ['inline', '/capability/consumes/0'],
      ['old', '/consumes/1'],
      ['registry', '/consumes/0'],
    ])
    expect(r.consumes[0]?.document).toBe(doc)
    expect(r.consumes[1]?.document.file).toBe(path.join(DIR, 'shared/consumes.yaml'))
    expect(r.consumes[1]?.document.locate(r.consumes[1]!.pointer)).toEqual({ line: 7, column: 5 })
    // the copy is independent of the shared document
    expect(
      (r.consumes[1]?.document.data as { consumes: { namespace: string }[] }).consumes[1]
        ?.namespace,
    ).toBe('legacy')
  })

  it('reports a missing file, a missing namespace and a remote location at the importing entry', async () => {
    const doc = capability(
      [
        '    - location: ./missing.yaml',
        '      import: registry',
        '    - location: ./shared/consumes.yaml',
        '      import: nothere',
        '    - location: https://example.com/consumes.yaml',
        '      import: registry',
      ].join('\n'),
    )
    const r = await resolveImports(doc, io)
    expect(r.consumes).toEqual([])
    expect(r.diagnostics.map((d) => [d.code, d.pointer, d.file, d.line])).toEqual([
      ['IMPORT_NOT_FOUND', '/capability/consumes/0/location', path.join(DIR, 'cap.yaml'), 4],
      [
        'IMPORT_NAMESPACE_NOT_FOUND',
        '/capability/consumes/1/import',
        path.join(DIR, 'cap.yaml'),
        7,
      ],
      ['IMPORT_REMOTE', '/capability/consumes/2/location', path.join(DIR, 'cap.yaml'), 8],
    ])
    expect(r.diagnostics[1]?.hint).toContain('registry, legacy')
  })
})
