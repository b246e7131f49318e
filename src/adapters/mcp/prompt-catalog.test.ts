import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { McpPrompt } from '../../model/types.js'
import { expose } from '../../../test/mcp-conformance/mcp-test-kit.js'
import { buildPromptCatalog } from './prompt-catalog.js'

const greet: McpPrompt = {
  name: 'greet',
  title: 'Greet',
  arguments: [
    { name: 'who', required: true },
    { name: 'tone', description: 'Tone', required: false },
  ],
  source: {
    kind: 'template',
    messages: [{ role: 'user', content: 'Say hi to {{who}} in a {{ tone }} way. {{other}}' }],
  },
}

describe('prompt catalog', () => {
  it('lists prompts in declaration order with their arguments', () => {
    const z: McpPrompt = { name: 'z', arguments: [], source: { kind: 'template', messages: [] } }
    const catalog = buildPromptCatalog([expose('a', [], { prompts: [z, greet] })])
    expect(catalog.list()).toEqual([
      { name: 'z' },
      {
        name: 'greet',
        title: 'Greet',
        arguments: [
          { name: 'who', required: true },
          { name: 'tone', description: 'Tone', required: false },
        ],
      },
    ])
  })

  it('substitutes arguments once, never re-scanning substituted values', async () => {
    const catalog = buildPromptCatalog([expose('a', [], { prompts: [greet] })])
    const outcome = await catalog.get('greet', { who: '{{tone}}', tone: 'calm' })
    expect(outcome).toEqual({
      kind: 'messages',
      messages: [
        {
          role: 'user',
          content: { type: 'text', text: 'Say hi to {{tone}} in a calm way. {{other}}' },
        },
      ],
    })
  })

  it('names a missing required argument and an unknown prompt', async () => {
    const catalog = buildPromptCatalog([expose('a', [], { prompts: [greet] })])
    expect(await catalog.get('greet', {})).toEqual({ kind: 'missing', argument: 'who' })
    expect(await catalog.get('nope', {})).toEqual({ kind: 'unknown' })
  })

  it('reads a file prompt as one user message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'capstan-prompt-'))
    try {
      await writeFile(join(dir, 'p.md'), 'Review {{who}}')
      const filePrompt: McpPrompt = {
        name: 'f',
        arguments: [{ name: 'who', required: true }],
        source: { kind: 'location', path: join(dir, 'p.md') },
      }
      const catalog = buildPromptCatalog([expose('a', [], { prompts: [filePrompt] })])
      expect(await catalog.get('f', { who: 'me' })).toEqual({
        kind: 'messages',
        messages: [{ role: 'user', content: { type: 'text', text: 'Review me' } }],
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
