import { describe, expect, it } from 'vitest'
import { parseDocument } from './load-document.js'

const FILE = '/tmp/cap.yaml'

describe('parseDocument', () => {
  it('returns plain data, version, kind and positions of nodes', () => {
    const text = [
      'naftiko: 1.0.0-alpha2',
      'info:',
      '  label: Demo',
      'capability:',
      '  exposes:',
      '    - type: rest',
      '      port: 8080',
    ].join('\n')
    const { document, diagnostics } = parseDocument(text, FILE)
    expect(diagnostics).toEqual([])
    expect(document?.version).toBe('1.0.0-alpha2')
    expect(document?.kind).toBe('capability')
    expect(document?.data).toEqual({
      naftiko: '1.0.0-alpha2',
      info: { label: 'Demo' },
      capability: { exposes: [{ type: 'rest', port: 8080 }] },
    })
    expect(document?.locate('/capability/exposes/0/port')).toEqual({ line: 7, column: 13 })
    expect(document?.locate('/capability/exposes/0')).toEqual({ line: 6, column: 7 })
    // a mapping value reports its key; a missing child its nearest ancestor
    expect(document?.locate('/info')).toEqual({ line: 2, column: 1 })
    expect(document?.locate('/info/description')).toEqual({ line: 2, column: 1 })
    expect(document?.locate('')).toEqual({ line: 1, column: 1 })
  })

  it('recognises a shared consumes file', () => {
    const { document } = parseDocument('naftiko: 1.0.0-alpha3\nconsumes: []\n', FILE)
    expect(document?.kind).toBe('consumes')
  })

  it('reports a YAML syntax error with its line and column', () => {
    const { document, diagnostics } = parseDocument(
      'naftiko: 1.0.0-alpha2\ninfo:\n  label: a: b\n',
      FILE,
    )
    expect(document).toBeUndefined()
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ code: 'YAML_SYNTAX', file: FILE, line: 3, column: 10 })
  })

  it('reports a duplicate key at the second occurrence', () => {
    const { diagnostics } = parseDocument('naftiko: 1.0.0-alpha2\ninfo: {}\ninfo: {}\n', FILE)
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['YAML_DUPLICATE_KEY', 3, 1],
    ])
  })

  it('refuses a document that is not a mapping', () => {
    expect(parseDocument('- a\n- b\n', FILE).diagnostics[0]?.code).toBe('YAML_NOT_A_MAPPING')
    expect(parseDocument('', FILE).diagnostics[0]?.code).toBe('YAML_NOT_A_MAPPING')
  })

  it('stops alias expansion bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i)
      const next = String.fromCharCode(98 + i)
      lines.push(
        `${next}: &${next} [${Array(10)
          .fill('*' + prev)
          .join(', ')}]`,
      )
    }
    const { document, diagnostics } = parseDocument(lines.join('\n'), FILE)
    expect(document).toBeUndefined()
    expect(diagnostics[0]?.code).toBe('YAML_SYNTAX')
    expect(diagnostics[0]?.message).toMatch(/alias/)
  })

  it('reports missing, unsupported and Ikanos versions', () => {
    expect(parseDocument('info: {}\n', FILE).diagnostics.map((d) => d.code)).toEqual([
      'VERSION_MISSING',
    ])
    const unsupported = parseDocument('info: {}\nnaftiko: 0.5\n', FILE).diagnostics
    expect(unsupported.map((d) => [d.code, d.line, d.column])).toEqual([
      ['VERSION_UNSUPPORTED', 2, 10],
    ])
    const ikanos = parseDocument('ikanos: 1.0.0-beta5\ncapability: {}\n', FILE).diagnostics
    expect(ikanos.map((d) => d.code)).toEqual(['IKANOS_NOT_SUPPORTED'])
    expect(ikanos[0]?.message).toMatch(/not supported yet/)
    expect(ikanos[0]?.hint).toBeDefined()
  })
})
