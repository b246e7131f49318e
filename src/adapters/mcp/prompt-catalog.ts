/**
 * MCP prompts of one endpoint, in declaration order. `{{arg}}` placeholders are replaced in one
 * pass, so a substituted value is never scanned again (no prompt injection through arguments).
 */
import { readFile } from 'node:fs/promises'
import type { McpExpose, McpPrompt } from '../../model/types.js'

export interface PromptListing {
  readonly name: string
  readonly title?: string
  readonly description?: string
  readonly arguments?: { name: string; description?: string; required: boolean }[]
}

export interface PromptMessage {
  role: 'user' | 'assistant'
  content: { type: 'text'; text: string }
}

export type PromptOutcome =
  | { readonly kind: 'messages'; readonly description?: string; readonly messages: PromptMessage[] }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'missing'; readonly argument: string }

export interface PromptCatalog {
  readonly isEmpty: boolean
  list(): PromptListing[]
  get(name: string, args: Readonly<Record<string, unknown>>): Promise<PromptOutcome>
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g

export function buildPromptCatalog(exposes: readonly McpExpose[]): PromptCatalog {
  const byName = new Map<string, McpPrompt>()
  for (const expose of exposes)
    for (const p of expose.prompts) if (!byName.has(p.name)) byName.set(p.name, p)
  const listings = [...byName.values()].map(toListing)
  return {
    isEmpty: byName.size === 0,
    list: () => listings,
    async get(name, args) {
      const prompt = byName.get(name)
      if (prompt === undefined) return { kind: 'unknown' }
      const values: Record<string, string> = {}
      for (const arg of prompt.arguments) {
        const v = args[arg.name]
        if (v === undefined || v === null) {
          if (arg.required) return { kind: 'missing', argument: arg.name }
          continue
        }
        values[arg.name] = typeof v === 'string' ? v : JSON.stringify(v)
      }
      const render = (text: string): string =>
        text.replace(PLACEHOLDER, (whole, key: string) =>
          key in values ? (values[key] as string) : whole,
        )
      const source = prompt.source
      const messages: PromptMessage[] =
        source.kind === 'template'
          ? source.messages.map((m) => ({
              role: m.role,
              content: { type: 'text', text: render(m.content) },
            }))
          : [
              {
                role: 'user',
                content: { type: 'text', text: render(await readFile(source.path, 'utf8')) },
              },
            ]
      return prompt.description === undefined
        ? { kind: 'messages', messages }
        : { kind: 'messages', description: prompt.description, messages }
    },
  }
}

function toListing(p: McpPrompt): PromptListing {
  const l: { -readonly [K in keyof PromptListing]: PromptListing[K] } = { name: p.name }
  if (p.title !== undefined) l.title = p.title
  if (p.description !== undefined) l.description = p.description
  if (p.arguments.length > 0) {
    l.arguments = p.arguments.map((a) =>
      a.description === undefined
        ? { name: a.name, required: a.required }
        : { name: a.name, description: a.description, required: a.required },
    )
  }
  return l
}
