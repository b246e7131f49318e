/**
 * Diagnostics: a user's mistake in a capability file, as data (never an exception).
 * Every code lives in DIAGNOSTIC_CODES and in docs/errors.md; src/diagnostics.test.ts keeps them in step.
 */
export type Severity = 'error' | 'warning' | 'info'

export interface Diagnostic {
  readonly code: DiagnosticCode
  readonly severity: Severity
  readonly message: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
  /** JSON pointer into the document, '' for the root. */
  readonly pointer: string
  readonly hint?: string
}

export const DIAGNOSTIC_CODES = {
  // Reading and parsing
  FILE_NOT_FOUND: { severity: 'error', title: 'File not found' },
  FILE_UNREADABLE: { severity: 'error', title: 'File cannot be read' },
  NO_CAPABILITY_FILES: { severity: 'error', title: 'No capability files matched' },
  YAML_SYNTAX: { severity: 'error', title: 'YAML syntax error' },
  YAML_DUPLICATE_KEY: { severity: 'error', title: 'Duplicate key in a YAML mapping' },
  YAML_NOT_A_MAPPING: { severity: 'error', title: 'The document root is not a mapping' },
  // Versions
  VERSION_MISSING: { severity: 'error', title: 'No naftiko version' },
  VERSION_UNSUPPORTED: { severity: 'error', title: 'Unsupported naftiko version' },
  IKANOS_NOT_SUPPORTED: { severity: 'error', title: 'Ikanos documents are not supported yet' },
  // Structure (schema)
  SCHEMA_REQUIRED: { severity: 'error', title: 'A required property is missing' },
  SCHEMA_TYPE: { severity: 'error', title: 'A value has the wrong type' },
  SCHEMA_ENUM: { severity: 'error', title: 'A value is not one of the allowed values' },
  SCHEMA_PATTERN: { severity: 'error', title: 'A value does not match the expected pattern' },
  SCHEMA_UNKNOWN_PROPERTY: { severity: 'warning', title: 'Unknown property' },
  SCHEMA_CONST: { severity: 'error', title: 'A value must be a specific constant' },
  SCHEMA_RANGE: { severity: 'error', title: 'A value is out of range' },
  SCHEMA_SHAPE: { severity: 'error', title: 'A value matches none of the allowed shapes' },
  // Compatibility (compat profile accepts, strict rejects)
  COMPAT_CONSUMED_INPUT_KEYS: {
    severity: 'warning',
    title: 'type/required/description on a consumed input',
  },
  COMPAT_OUTPUT_WITHOUT_SHAPE: {
    severity: 'warning',
    title: 'object/array output without properties/items',
  },
  COMPAT_MISSING_DESCRIPTION: {
    severity: 'warning',
    title: 'A description the format requires is missing',
  },
  COMPAT_INFO_TITLE: { severity: 'warning', title: 'info.title used instead of info.label' },
  COMPAT_EMPTY_BASE_URI: { severity: 'warning', title: 'Empty baseUri' },
  COMPAT_TEMPLATED_BASE_URI: { severity: 'warning', title: 'Templated baseUri' },
  COMPAT_BASE_URI_TRAILING_SLASH: { severity: 'warning', title: 'baseUri ends with a slash' },
  // Inference rules (info: what Capstan inferred, and the strict rewrite)
  RULE_SINGLE_BRACE: { severity: 'info', title: 'Single-brace placeholder read as a template' },
  RULE_AUTO_INPUT: { severity: 'info', title: 'Exposed input made available without declaration' },
  RULE_TOLERANT_NAME: { severity: 'info', title: 'Name matched ignoring case, - and _' },
  RULE_WITH_PREFIX: { severity: 'info', title: 'Generic with-reference prefix' },
  RULE_BODY_PARAMETER: { severity: 'info', title: 'in: body parameter sent as the request body' },
  RULE_INFERRED_TOOL_INPUTS: {
    severity: 'info',
    title: 'MCP tool inputs inferred from the consumed operation',
  },
  RULE_OUTPUT_PASSTHROUGH: {
    severity: 'info',
    title: 'Output without properties passes the value through',
  },
  RULE_ENV_NAMESPACE: { severity: 'info', title: 'Namespaced bind reference' },
  // Cross-references
  UNKNOWN_CALL_TARGET: { severity: 'error', title: 'call/ref target does not exist' },
  WITH_UNUSED: { severity: 'warning', title: 'A with key feeds nothing in the consumed operation' },
  INVALID_CALL_FORMAT: { severity: 'error', title: 'call is not namespace.operation' },
  UNKNOWN_FORWARD_TARGET: { severity: 'error', title: 'forward.targetNamespace does not exist' },
  DUPLICATE_NAMESPACE: { severity: 'error', title: 'Namespace declared twice' },
  DUPLICATE_TOOL_NAME: { severity: 'error', title: 'Tool name declared twice' },
  DUPLICATE_ROUTE: { severity: 'error', title: 'REST method and path declared twice' },
  DUPLICATE_NAME: {
    severity: 'error',
    title: 'Prompt, resource, operation, skill or skill tool name declared twice',
  },
  AMBIGUOUS_NAME: { severity: 'error', title: 'A name matches several candidates' },
  UNRESOLVED_PLACEHOLDER: { severity: 'error', title: 'A placeholder has no source' },
  INVALID_JSONPATH: { severity: 'error', title: 'JSONPath expression does not parse' },
  INVALID_TEMPLATE: { severity: 'error', title: 'Mustache template does not parse' },
  UNBOUND_TEMPLATE_VAR: { severity: 'error', title: 'Template variable not declared in binds' },
  UNSUPPORTED_FEATURE: { severity: 'error', title: 'Feature not supported by this engine' },
  UNKNOWN_SKILL_SOURCE: {
    severity: 'error',
    title: 'from.sourceNamespace names no rest or mcp expose of this capability',
  },
  UNKNOWN_SKILL_ACTION: {
    severity: 'warning',
    title: 'from.action names no operation or tool of its source expose',
  },
  SCRIPT_STEP_INVALID: {
    severity: 'error',
    title: 'A script step has no language or location, or a path that leaves its location',
  },
  SKILL_TOOL_SOURCE: {
    severity: 'error',
    title: 'A skill tool needs exactly one of from and instruction',
  },
  SKILL_INSTRUCTION_LOCATION: {
    severity: 'error',
    title: 'An instruction tool needs its skill to have a location, and must stay inside it',
  },
  NO_EXPOSES: { severity: 'warning', title: 'Capability exposes nothing' },
  // Imports
  IMPORT_NOT_FOUND: { severity: 'error', title: 'Imported consumes file not found' },
  IMPORT_NAMESPACE_NOT_FOUND: {
    severity: 'error',
    title: 'Imported namespace not in the source file',
  },
  IMPORT_REMOTE: { severity: 'error', title: 'Imports are never fetched over the network' },
  // Serving several files together
  PORT_ROUTE_CLASH: {
    severity: 'error',
    title: 'Two capabilities declare the same route on one port',
  },
  PORT_TOOL_CLASH: {
    severity: 'error',
    title: 'Two capabilities declare the same tool on one port',
  },
  PORT_SKILL_CLASH: {
    severity: 'error',
    title: 'Two capabilities declare the same skill on one port',
  },
  // Binds
  MISSING_BIND_VALUE: { severity: 'error', title: 'A bound variable has no value' },
  BIND_FILE_INVALID: { severity: 'error', title: 'A bind file cannot be read' },
} as const satisfies Record<string, { severity: Severity; title: string }>

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES

export interface DiagnosticInit {
  readonly message: string
  readonly pointer: string
  readonly hint?: string
  readonly severity?: Severity
}

/** Builds a diagnostic with the registry's default severity. */
export function diagnostic(code: DiagnosticCode, init: DiagnosticInit): Diagnostic {
  const d: Diagnostic = {
    code,
    severity: init.severity ?? DIAGNOSTIC_CODES[code].severity,
    message: init.message,
    pointer: init.pointer,
    ...(init.hint === undefined ? {} : { hint: init.hint }),
  }
  return d
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1')
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => '/' + pointerSegment(s)).join('')
}
