import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { McpResource } from '../../model/types.js'
import { expose, mockPlan } from '../../../test/mcp-conformance/mcp-test-kit.js'
import { buildResourceCatalog, readResourceFile, type ResourceMatch } from './resource-catalog.js'

let dir: string
let outside: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'capstan-res-'))
  outside = await mkdtemp(join(tmpdir(), 'capstan-out-'))
  await mkdir(join(dir, 'guides'))
  await writeFile(join(dir, 'readme.md'), '# Hello')
  await writeFile(join(dir, 'guides', 'a.json'), '{}')
  await writeFile(join(outside, 'secret.txt'), 'nope')
  await symlink(join(outside, 'secret.txt'), join(dir, 'link.txt'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

const docs = (): McpResource => ({
  name: 'docs',
  uri: 'docs://site',
  source: { kind: 'location', path: dir },
})
const item: McpResource = {
  name: 'item',
  uri: 'data://items/{id}',
  source: { kind: 'plan', plan: mockPlan([]) },
}

describe('resource catalog', () => {
  it('lists regular files under a location, sorted, with MIME types by extension (no symlinks)', async () => {
    const catalog = buildResourceCatalog([expose('a', [], { resources: [docs(), item] })])
    const listed = await catalog.list()
    expect(listed.map((r) => [r.uri, r.mimeType])).toEqual([
      ['docs://site/guides/a.json', 'application/json'],
      ['docs://site/readme.md', 'text/markdown'],
    ])
    expect(catalog.templates()).toEqual([{ uriTemplate: 'data://items/{id}', name: 'item' }])
  })

  it('reads a file and refuses traversal and symlinks that leave the location', async () => {
    const catalog = buildResourceCatalog([expose('a', [], { resources: [docs()] })])
    const ok = catalog.match('docs://site/readme.md') as Extract<ResourceMatch, { kind: 'file' }>
    expect(await readResourceFile(ok)).toBe('# Hello')
    expect(catalog.match('docs://site/../etc/passwd')).toMatchObject({ kind: 'invalid' })
    expect(catalog.match('docs://site/guides/%2e%2e')).toMatchObject({ kind: 'invalid' })
    const link = catalog.match('docs://site/link.txt') as Extract<ResourceMatch, { kind: 'file' }>
    await expect(readResourceFile(link)).rejects.toThrow()
    expect(catalog.match('other://x')).toBeUndefined()
  })

  it('matches URI templates and hands captured values to the plan', () => {
    const catalog = buildResourceCatalog([expose('a', [], { resources: [item] })])
    expect(catalog.match('data://items/42')).toMatchObject({
      kind: 'plan',
      values: { id: '42' },
      mimeType: 'application/json',
    })
    expect(catalog.match('data://items/4/2')).toBeUndefined()
  })
})
