/** House rule 1: imports run one way (spec → model → runtime → adapters → host → cli); src never imports sandbox. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')
const LAYERS = ['spec', 'model', 'runtime', 'adapters', 'host', 'cli'] as const
const rank = (layer: string) => LAYERS.indexOf(layer as (typeof LAYERS)[number])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory()
      ? files(p)
      : /\.ts$/.test(name) && !/\.test\.ts$/.test(name)
        ? [p]
        : []
  })
}

/** Where a source file sits: a layer, a shared root module (diagnostics, errors, index) or sandbox. */
function layerOf(file: string): string {
  const rel = relative(ROOT, file).split('/')
  if (rel[0] === 'sandbox') return 'sandbox'
  if (rel[0] === 'src' && rel.length === 2) return 'root'
  return rel[1] ?? 'root'
}

export function violations(): string[] {
  const out: string[] = []
  for (const file of files(join(ROOT, 'src'))) {
    const from = layerOf(file)
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g,
    )) {
      const spec = m[1] ?? m[2]!
      const target = resolve(dirname(file), spec)
      const to = layerOf(target)
      const dynamic = m[2] !== undefined
      if (to === 'sandbox' && !(from === 'cli' && dynamic))
        out.push(
          `${relative(ROOT, file)} imports sandbox (${spec}); only CLI commands may load it, dynamically`,
        )
      if (to === 'root' || to === 'sandbox' || from === 'root') continue
      if (rank(to) > rank(from))
        out.push(
          `${relative(ROOT, file)} (${from}) imports ${spec} (${to}): imports must run spec → model → runtime → adapters → host → cli`,
        )
    }
  }
  return out
}

describe('architecture', () => {
  it('imports only run forward through the layers', () => {
    expect(violations()).toEqual([])
  })
  it('the MCP SDK is imported only by src/adapters/mcp and yaml only by src/spec/parse-yaml.ts', () => {
    const offenders = files(join(ROOT, 'src')).flatMap((f) => {
      const text = readFileSync(f, 'utf8')
      const rel = relative(ROOT, f)
      const bad: string[] = []
      if (/from '@modelcontextprotocol\//.test(text) && !rel.startsWith('src/adapters/mcp/'))
        bad.push(rel)
      if (/from 'yaml'/.test(text) && rel !== 'src/spec/parse-yaml.ts') bad.push(rel)
      return bad
    })
    expect(offenders).toEqual([])
  })
})
