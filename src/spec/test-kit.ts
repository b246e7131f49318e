/** Test helpers for the spec layer: the YAML files of a folder tree, as corpora for differential tests. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : yamlFiles(path)
    return /\.ya?ml$/.test(name) ? [path] : []
  })
}
