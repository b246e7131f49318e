/** Shared state of one capability's resolution: diagnostics sink and compile helpers. */
import {
  diagnostic,
  joinPointer,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
} from '../diagnostics.js'
import { compileJsonPath } from './compile-json-path.js'
import { compileTemplate } from './compile-template.js'
import type { JsonPath, ScriptingGovernance, Template } from './types.js'

export class ResolveContext {
  readonly diagnostics: Diagnostic[] = []
  readonly file: string
  /** The file's script governance (its control expose's management.scripting), when declared. */
  scripting: ScriptingGovernance | undefined
  constructor(file: string) {
    this.file = file
  }
  report(
    code: DiagnosticCode,
    pointer: string,
    message: string,
    hint?: string,
    severity?: Severity,
  ): void {
    const init = {
      pointer,
      message,
      ...(hint === undefined ? {} : { hint }),
      ...(severity === undefined ? {} : { severity }),
    }
    this.diagnostics.push(diagnostic(code, init))
  }
  template(source: string, pointer: string): Template {
    const result = compileTemplate(source)
    if (result.template) return result.template
    this.report('INVALID_TEMPLATE', pointer, result.error ?? 'Invalid template.')
    return compileTemplate('').template!
  }
  jsonPath(source: string, pointer: string): JsonPath | undefined {
    const result = compileJsonPath(source)
    if (result.error)
      this.report(
        'INVALID_JSONPATH',
        pointer,
        result.error,
        'Write an RFC 9535 JSONPath such as $.items[0].id; $ or $. is the whole document.',
      )
    return result.path
  }
}

export const ptr = joinPointer

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : []
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}
