/**
 * MCP resources of one endpoint: static files under a declared location and dynamic resources
 * fed by a plan. URI templates are compiled once; file paths are confined to their location.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { isInsideLocation } from '../../model/location-path.js'
import type { McpExpose, McpResource, Plan } from '../../model/types.js'

export interface ResourceListing {
  readonly uri: string
  readonly name: string
  readonly title?: string
  readonly description?: string
  readonly mimeType?: string
}

export interface ResourceTemplateListing {
  readonly uriTemplate: string
  readonly name: string
  readonly title?: string
  readonly description?: string
  readonly mimeType?: string
}

/** What resources/read resolved a URI to. */
export type ResourceMatch =
  | {
      readonly kind: 'file'
      readonly uri: string
      readonly path: string
      readonly mimeType: string
      readonly base: string
    }
  | {
      readonly kind: 'plan'
      readonly uri: string
      readonly plan: Plan
      readonly values: Record<string, string>
      readonly mimeType: string
    }
  | { readonly kind: 'invalid'; readonly reason: string }

export interface ResourceCatalog {
  readonly isEmpty: boolean
  list(): Promise<ResourceListing[]>
  templates(): ResourceTemplateListing[]
  match(uri: string): ResourceMatch | undefined
}

const SEGMENT = /^[a-zA-Z0-9._-]+$/
const MAX_LISTED_FILES = 10_000
const MAX_DEPTH = 16

interface Compiled {
  readonly resource: McpResource
  readonly template: RegExp | undefined
  readonly variables: readonly string[]
}

export function buildResourceCatalog(exposes: readonly McpExpose[]): ResourceCatalog {
  const compiled: Compiled[] = []
  for (const expose of exposes)
    for (const resource of expose.resources) compiled.push(compile(resource))
  return {
    isEmpty: compiled.length === 0,
    async list() {
      const out: ResourceListing[] = []
      for (const { resource, template } of compiled) {
        if (resource.source.kind === 'plan') {
          if (template === undefined) out.push(listing(resource, resource.uri, resource.mimeType))
          continue
        }
        const files = await listFiles(resource.source.path)
        for (const rel of files) {
          const uri = rel === '' ? resource.uri : `${resource.uri}/${rel}`
          out.push(
            listing(
              resource,
              uri,
              resource.mimeType ?? mimeTypeOf(rel === '' ? resource.source.path : rel),
            ),
          )
        }
      }
      return out
    },
    templates() {
      return compiled
        .filter((c) => c.template !== undefined)
        .map(({ resource: r }) => {
          const t: { -readonly [K in keyof ResourceTemplateListing]: ResourceTemplateListing[K] } =
            {
              uriTemplate: r.uri,
              name: r.name,
            }
          if (r.title !== undefined) t.title = r.title
          if (r.description !== undefined) t.description = r.description
          if (r.mimeType !== undefined) t.mimeType = r.mimeType
          return t
        })
    },
    match(uri) {
      for (const { resource, template, variables } of compiled) {
        const { source } = resource
        if (source.kind === 'location') {
          if (uri !== resource.uri && !uri.startsWith(`${resource.uri}/`)) continue
          const rel = uri.slice(resource.uri.length + 1)
          if (rel === '')
            return {
              kind: 'file',
              uri,
              path: source.path,
              base: source.path,
              mimeType: resource.mimeType ?? mimeTypeOf(source.path),
            }
          const segments = rel.split('/')
          if (segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) {
            return { kind: 'invalid', reason: `Resource path not allowed: ${uri}` }
          }
          return {
            kind: 'file',
            uri,
            path: join(source.path, ...segments),
            base: source.path,
            mimeType: resource.mimeType ?? mimeTypeOf(rel),
          }
        }
        const mimeType = resource.mimeType ?? 'application/json'
        if (template === undefined) {
          if (uri === resource.uri)
            return { kind: 'plan', uri, plan: source.plan, values: {}, mimeType }
          continue
        }
        const m = template.exec(uri)
        if (m === null) continue
        const values: Record<string, string> = {}
        variables.forEach((name, i) => {
          values[name] = decodeURIComponent(m[i + 1] ?? '')
        })
        return { kind: 'plan', uri, plan: source.plan, values, mimeType }
      }
      return undefined
    },
  }
}

/** Reads a matched file as UTF-8, refusing anything that resolves outside its location. */
export async function readResourceFile(
  match: Extract<ResourceMatch, { kind: 'file' }>,
): Promise<string> {
  const [base, target] = await Promise.all([realpath(match.base), realpath(match.path)])
  if (!isInsideLocation(base, target)) throw new Error('outside location')
  const info = await stat(target)
  if (!info.isFile()) throw new Error('not a file')
  return readFile(target, 'utf8')
}

function compile(resource: McpResource): Compiled {
  if (resource.source.kind !== 'plan' || !/\{[a-zA-Z0-9_]+\}/.test(resource.uri)) {
    return { resource, template: undefined, variables: [] }
  }
  const variables: string[] = []
  const pattern = resource.uri
    .split(/(\{[a-zA-Z0-9_]+\})/)
    .map((part) => {
      const v = /^\{([a-zA-Z0-9_]+)\}$/.exec(part)
      if (v === null) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      variables.push(v[1] as string)
      return '([^/]+)'
    })
    .join('')
  return { resource, template: new RegExp(`^${pattern}$`), variables }
}

function listing(
  resource: McpResource,
  uri: string,
  mimeType: string | undefined,
): ResourceListing {
  const l: { -readonly [K in keyof ResourceListing]: ResourceListing[K] } = {
    uri,
    name: resource.name,
  }
  l.title = resource.title ?? resource.name
  if (resource.description !== undefined) l.description = resource.description
  if (mimeType !== undefined) l.mimeType = mimeType
  return l
}

/** Relative paths of regular files under a location (sorted); [''] when it is a file itself. */
async function listFiles(root: string): Promise<string[]> {
  try {
    const info = await stat(root)
    if (info.isFile()) return ['']
    const out: string[] = []
    await walk(root, '', 0, out)
    return out.sort()
  } catch {
    // An unreadable location lists nothing, like the Java engine; reading it reports the error.
    return []
  }
}

async function walk(dir: string, prefix: string, depth: number, out: string[]): Promise<void> {
  if (depth > MAX_DEPTH) return
  const entries = await readdir(dir, { withFileTypes: true })
  for (const entry of entries) {
    if (out.length >= MAX_LISTED_FILES) return
    if (!SEGMENT.test(entry.name)) continue
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (entry.isDirectory()) await walk(join(dir, entry.name), rel, depth + 1, out)
    else if (entry.isFile()) out.push(rel)
  }
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.csv': 'text/csv',
}

export function mimeTypeOf(path: string): string {
  return MIME_BY_EXTENSION[extname(path).toLowerCase()] ?? 'application/octet-stream'
}
