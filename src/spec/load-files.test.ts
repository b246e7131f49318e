import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadFiles } from './load-files.js'

const root = mkdtempSync(path.join(tmpdir(), 'capstan-load-'))
const write = (name: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
  writeFileSync(path.join(root, name), text)
}
const GOOD = [
  'naftiko: 1.0.0-alpha2',
  'capability:',
  '  exposes:',
  '    - type: mcp',
  '      port: 3000',
  '      namespace: a',
  '      tools:',
  '        - name: hello',
  '          description: Says hello',
  '          outputParameters:',
  '            - { name: greeting, type: string, value: hi }',
  '',
].join('\n')
write('good.yaml', GOOD)
write('bad.yaml', GOOD.replace('port: 3000', 'port: abc'))
write('shared/secrets.yaml', 'REGISTRY_TOKEN: x\n')
write('broken.yml', 'naftiko: [\n')
afterAll(() => rmSync(root, { recursive: true, force: true }))
const options = {
  profile: 'compat' as const,
  cwd: root,
  readFile: (f: string) => readFile(f, 'utf8'),
}

describe('loadFiles', () => {
  it('loads a directory: documents for valid files, located diagnostics for the rest', async () => {
    const r = await loadFiles(['.'], options)
    expect(r.documents.map((d) => path.basename(d.file))).toEqual(['bad.yaml', 'good.yaml'])
    // secrets.yaml has no version key and was found by directory expansion: not a capability
    expect(r.diagnostics.map((d) => [path.basename(d.file ?? ''), d.code, d.line])).toEqual([
      ['bad.yaml', 'SCHEMA_TYPE', 5],
      ['broken.yml', 'YAML_SYNTAX', 2],
    ])
  })

  it('reports a file named explicitly that has no version', async () => {
    const r = await loadFiles(['shared/secrets.yaml'], options)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['VERSION_MISSING'])
  })

  it('reports an unreadable file without throwing', async () => {
    const r = await loadFiles(['good.yaml'], {
      ...options,
      readFile: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    })
    expect(r.diagnostics.map((d) => [d.code, d.message.includes('EACCES')])).toEqual([
      ['FILE_UNREADABLE', true],
    ])
  })
})
