/**
 * Expectations for the upstream conformance fixtures (../shared/conformance). The list of files
 * and their schema status come from SOURCES.tsv and README.md; this table adds what Capstan reports.
 */
import { join } from 'node:path'
import type { DiagnosticCode } from '../../src/diagnostics.js'
import { SHARED_ROOT } from '../support/shared-root.js'

export const CONFORMANCE_ROOT = join(SHARED_ROOT, 'conformance')

/**
 * Naftiko fixtures README.md lists as schema-invalid for their declared version. Each uses a keyword
 * of a later alpha, so the compat profile (which covers alpha1–alpha3) loads it with warnings and
 * --strict reports this specific diagnostic.
 */
export const STRICT_INVALID: readonly { file: string; code: DiagnosticCode; pointer: string }[] = [
  {
    file: 'upstream-fixtures/framework/.agents/skills/naftiko-capability/assets/capability-example.yml',
    code: 'SCHEMA_CONST',
    pointer: '/capability/exposes/0/type',
  },
  {
    file: 'upstream-fixtures/framework/src/main/resources/schemas/examples/html-consumes-rest-adapter.yml',
    code: 'SCHEMA_ENUM',
    pointer: '/capability/consumes/0/resources/0/operations/0/outputRawFormat',
  },
  {
    file: 'upstream-fixtures/framework/src/main/resources/schemas/examples/markdown-consumes-rest-adapter.yml',
    code: 'SCHEMA_ENUM',
    pointer: '/capability/consumes/0/resources/0/operations/0/outputRawFormat',
  },
  {
    file: 'upstream-fixtures/framework/src/main/resources/schemas/examples/mock-mcp.yml',
    code: 'SCHEMA_UNKNOWN_PROPERTY',
    pointer: '/capability/exposes/0/tools/0/outputParameters/0/name',
  },
  {
    file: 'upstream-fixtures/framework/src/main/resources/schemas/examples/skill-adapter.yml',
    code: 'SCHEMA_UNKNOWN_PROPERTY',
    pointer: '/capability/exposes/1/tools/0/hints',
  },
]

/**
 * Schema-valid Naftiko fixtures the upstream tests use as invalid inputs for semantic reasons. The
 * spec layer loads them without errors; the model layer must report `code` (wire a model-level test).
 */
export const SEMANTIC_INVALID: readonly { file: string; code: DiagnosticCode; note: string }[] = [
  {
    file: 'upstream-fixtures/framework/src/test/resources/aggregates/aggregate-invalid-ref.yaml',
    code: 'UNKNOWN_CALL_TARGET',
    note: 'MCP tool ref: unknown.nonexistent names no aggregate function',
  },
]

/** Schema-valid fixtures the Java engine mishandles at run time; Capstan warns at load. */
export const RUNTIME_WARNINGS: readonly { file: string; code: DiagnosticCode; pointer: string }[] =
  [
    {
      file: 'upstream-fixtures/framework/src/test/resources/baseuri-trailing-slash-capability.yaml',
      code: 'COMPAT_BASE_URI_TRAILING_SLASH',
      pointer: '/capability/consumes/0/baseUri',
    },
  ]

/** Intentionally malformed YAML (README.md: "Not parseable as YAML"). */
export const MALFORMED = [
  'upstream-fixtures/ikanos/modules/ikanos-engine/src/test/resources/imports/invalid/malformed.yml',
]
