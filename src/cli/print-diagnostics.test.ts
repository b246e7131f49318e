import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostics.js'
import { renderDiagnostics } from './print-diagnostics.js'

const SOURCE = 'naftiko: 1.0.0-alpha2\ncapability:\n  exposes:\n    - port: "abc"\n'
const typeError: Diagnostic = {
  code: 'SCHEMA_TYPE',
  severity: 'error',
  message: 'capability.exposes[0].port must be an integer',
  file: 'cap.yaml',
  line: 4,
  column: 13,
  pointer: '/capability/exposes/0/port',
  hint: 'write a number without quotes, e.g. 8080',
}
const readSource = (file: string) => (file === 'cap.yaml' ? SOURCE : undefined)

describe('renderDiagnostics', () => {
  it('text: header line, code frame with a caret under the column, hint', () => {
    expect(renderDiagnostics([typeError], { format: 'text', readSource })).toBe(
      [
        'cap.yaml:4:13 error SCHEMA_TYPE capability.exposes[0].port must be an integer',
        '  3 |   exposes:',
        '> 4 |     - port: "abc"',
        '    |             ^',
        '  5 |',
        '  hint: write a number without quotes, e.g. 8080',
        '',
      ].join('\n'),
    )
  })

  it('text: no frame when the source is unavailable, and nothing for no diagnostics', () => {
    const d: Diagnostic = { ...typeError, file: 'gone.yaml', hint: undefined } as Diagnostic
    expect(renderDiagnostics([d], { format: 'text', readSource })).toBe(
      'gone.yaml:4:13 error SCHEMA_TYPE capability.exposes[0].port must be an integer\n',
    )
    expect(renderDiagnostics([], { format: 'text', readSource })).toBe('')
  })

  it('json: one array whose items have exactly file, line, column, pointer, code, severity, message', () => {
    const unlocated: Diagnostic = {
      code: 'NO_CAPABILITY_FILES',
      severity: 'error',
      message: "'*.yaml' matched no .yml or .yaml file",
      pointer: '',
    }
    const parsed = JSON.parse(
      renderDiagnostics([typeError, unlocated], { format: 'json', readSource }),
    )
    expect(parsed).toEqual([
      {
        file: 'cap.yaml',
        line: 4,
        column: 13,
        pointer: '/capability/exposes/0/port',
        code: 'SCHEMA_TYPE',
        severity: 'error',
        message: 'capability.exposes[0].port must be an integer',
      },
      {
        file: null,
        line: 1,
        column: 1,
        pointer: '',
        code: 'NO_CAPABILITY_FILES',
        severity: 'error',
        message: "'*.yaml' matched no .yml or .yaml file",
      },
    ])
    expect(Object.keys(parsed[0])).toEqual([
      'file',
      'line',
      'column',
      'pointer',
      'code',
      'severity',
      'message',
    ])
  })
})
