import { describe, it, expect } from 'vitest'
import { parse } from 'yaml'
import { decode } from './index.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const parseYaml = (text: string): unknown => parse(text)

const README = `---
title: Fleet tracker
version: 2
tags: [ships, ports]
---
# Fleet Tracker

Tracks **vessels** in
real time. See [the docs](https://example.com/docs).

## Features

| Feature | Status |
|:--------|:------:|
| Live \`AIS\` feed | Done |
| Port calls | *Beta* |
| Alerts |

Some text after the table.

- first item
- second item

\`\`\`bash
# not a heading
npm install
\`\`\`

Setup notes
-----------

Line one  
line two

### Feature flags
Flags are read at start.
`

describe('markdown decoder', () => {
  it('returns front matter, tables and sections', () => {
    expect(decode('markdown', bytes(README), undefined, { parseYaml })).toEqual({
      frontMatter: { title: 'Fleet tracker', version: 2, tags: ['ships', 'ports'] },
      tables: [
        [
          { Feature: 'Live AIS feed', Status: 'Done' },
          { Feature: 'Port calls', Status: 'Beta' },
          { Feature: 'Alerts', Status: '' },
        ],
      ],
      sections: [
        {
          heading: 'Fleet Tracker',
          level: 1,
          content: 'Tracks vessels in real time. See the docs.',
        },
        {
          heading: 'Features',
          level: 2,
          content: 'Some text after the table.\nfirst item\nsecond item',
        },
        { heading: 'Setup notes', level: 2, content: 'Line one\nline two' },
        { heading: 'Feature flags', level: 3, content: 'Flags are read at start.' },
      ],
    })
  })

  it('keeps only sections whose heading starts with outputSchema', () => {
    const result = decode('markdown', bytes(README), 'Feature', { parseYaml }) as {
      sections: { heading: string }[]
    }
    expect(result.sections.map((section) => section.heading)).toEqual(['Features', 'Feature flags'])
  })

  it('gives an empty front matter object without a YAML block or with a non-mapping one', () => {
    expect(decode('markdown', bytes('# Title\ntext'), undefined, { parseYaml })).toEqual({
      frontMatter: {},
      tables: [],
      sections: [{ heading: 'Title', level: 1, content: 'text' }],
    })
    const list = decode('markdown', bytes('---\n- a\n---\nbody'), undefined, { parseYaml }) as {
      frontMatter: unknown
    }
    expect(list.frontMatter).toEqual({})
  })

  it('handles CRLF line endings, escaped pipes and closing hashes', () => {
    const md = '## Pipes ##\r\n\r\n| a | b |\r\n|---|---|\r\n| x \\| y | z |\r\n'
    expect(decode('markdown', bytes(md), undefined, { parseYaml })).toEqual({
      frontMatter: {},
      tables: [[{ a: 'x | y', b: 'z' }]],
      sections: [{ heading: 'Pipes', level: 2, content: '' }],
    })
  })

  it('reports invalid front matter YAML', () => {
    expect(() =>
      decode('markdown', bytes('---\na: [\n---\n# x'), undefined, { parseYaml }),
    ).toThrow(/front matter is not valid YAML/)
  })

  it('keeps a pathological long line as text instead of backtracking', () => {
    const started = Date.now()
    const result = decode('markdown', bytes(`# h\n${'**a ['.repeat(20_000)}\n`), undefined, {
      parseYaml,
    }) as { sections: { content: string }[] }
    expect(result.sections[0]?.content.length).toBe(100_000)
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})
