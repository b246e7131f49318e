/** Test helpers for the spec layer: the YAML files of a folder tree, as corpora for differential tests. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SHARED_ROOT } from '../../test/support/shared-root.js'

const ROOT = join(import.meta.dirname, '..', '..')

export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : yamlFiles(path)
    return /\.ya?ml$/.test(name) ? [path] : []
  })
}

/** Every capability the cache and ordering tests compare on: examples, conformance fixtures, seeds. */
export function fixtureCorpus(): string[] {
  return [
    ...yamlFiles(join(ROOT, 'examples')),
    ...yamlFiles(join(SHARED_ROOT, 'conformance')),
    ...yamlFiles(join(SHARED_ROOT, 'seeds')),
  ]
}
