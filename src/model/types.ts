/**
 * The resolved capability: what the runtime and adapters execute. Built once by model/resolve,
 * deep-frozen, shared by every request. Holds no secret values, only the names of binds.
 */
import type { Diagnostic } from '../diagnostics.js'
import type { SkillExpose } from './skill-types.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'
export type ValueType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object'
export type InputLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'argument'
export type RawFormat =
  | 'json'
  | 'xml'
  | 'yaml'
  | 'csv'
  | 'tsv'
  | 'psv'
  | 'html'
  | 'markdown'
  | 'avro'
  | 'protobuf'
  | 'text'

/** Values a template can see: exposed inputs, with-results, binds (flat and per namespace), step outputs. */
export type TemplateContext = Readonly<Record<string, unknown>>

/** A compiled Mustache template ({{name}}, {{a.b}}); rendering does no parsing. */
export interface Template {
  readonly source: string
  /** Variable names used, in order of first use. */
  readonly variables: readonly string[]
  /** True when the template has no variables. */
  readonly isStatic: boolean
  render(context: TemplateContext): string
}

/** A compiled JSONPath (RFC 9535, plus `$.` as the root); never evaluates code. */
export interface JsonPath {
  readonly source: string
  /** True for a singular query: yields one value (or undefined), not a list. */
  readonly definite: boolean
  evaluate(document: unknown): unknown
}

/** One exposed input: what a REST request or an MCP tool call supplies. */
export interface Input {
  readonly name: string
  readonly location: InputLocation
  readonly type: ValueType
  readonly required: boolean
  readonly description?: string
  /** JSON Schema for array items or object properties when known. */
  readonly schema?: Readonly<Record<string, unknown>>
  readonly pattern?: string
  /** Static value from the spec: the request cannot override it. */
  readonly fixed?: unknown
  /** Inferred by Capstan rather than declared by the author. */
  readonly inferred: boolean
  /** REST: the whole JSON request body rather than one field of it. */
  readonly wholeBody?: boolean
  /** REST body inputs: JSONPath into the request body (`value: $.user.id`). */
  readonly bodyPath?: JsonPath
}

/** Where a consumed slot's value comes from. */
export type ValueSource =
  | { readonly kind: 'input'; readonly input: string }
  | { readonly kind: 'template'; readonly template: Template }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'bind'; readonly variable: string }

/** A place in the upstream request that the plan fills. */
export interface Slot {
  readonly location: 'path' | 'query' | 'header' | 'cookie' | 'body'
  /** Upstream name: path placeholder, query key, header name; 'body' for the body. */
  readonly name: string
  readonly source: ValueSource
  readonly required: boolean
  readonly type: ValueType
}

/** How the upstream path is built: literal text interleaved with placeholders. */
export type PathPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }

export interface AuthConfig {
  readonly type: string
  /** Templated fields (token, username, password, key, value, clientId, …). */
  readonly fields: Readonly<Record<string, Template>>
  /** Non-template fields (placement, tokenUrl, scopes, …). */
  readonly options: Readonly<Record<string, unknown>>
}

export interface Upstream {
  readonly namespace: string
  /** Base URI after --upstream overrides; may be templated from binds. */
  readonly baseUri: Template
  readonly auth: AuthConfig | undefined
  /** Namespace-level consumed parameters applied to every request. */
  readonly slots: readonly Slot[]
  readonly file: string
}

export type BodyTemplate =
  | { readonly kind: 'json'; readonly build: (context: TemplateContext) => unknown }
  | { readonly kind: 'text'; readonly contentType: string; readonly template: Template }
  | { readonly kind: 'form'; readonly build: (context: TemplateContext) => Record<string, string> }
  | {
      readonly kind: 'multipart'
      readonly parts: readonly {
        readonly name: string
        readonly value: Template
        readonly filename?: Template
        readonly contentType?: string
      }[]
    }

/** Compiled output shaping: upstream document (+ context for value templates) → exposed result. */
export interface OutputShape {
  /** True when the result is the upstream body unchanged (enables streaming). */
  readonly passthrough: boolean
  /** Object keys or a JSON Schema of the result when the author declared its shape. */
  readonly schema: Readonly<Record<string, unknown>> | undefined
  shape(document: unknown, context: TemplateContext): unknown
}

export interface ConsumedOperation {
  /** `namespace.name` */
  readonly id: string
  readonly name: string
  readonly method: HttpMethod
  readonly upstream: Upstream
  readonly path: readonly PathPart[]
  /** Operation-level slots with fixed values or declared types (for required checks). */
  readonly declared: readonly DeclaredConsumedParam[]
  readonly body: BodyTemplate | undefined
  readonly rawFormat: RawFormat
  readonly outputSchema: string | undefined
  /** Consumed outputParameters (name → path), used by orchestration steps. */
  readonly outputs: readonly { readonly name: string; readonly path: JsonPath }[]
  /** GET/HEAD/OPTIONS/PUT/DELETE: may be retried once on a reset before any byte. */
  readonly idempotent: boolean
}

export interface DeclaredConsumedParam {
  readonly name: string
  readonly location: 'path' | 'query' | 'header' | 'cookie' | 'body' | 'environment'
  readonly type: ValueType
  readonly required: boolean
  readonly description?: string
  readonly value?: Template
}

/** Everything needed to run one exposed operation or tool: a call, steps, or a mock. */
export interface CallPlan {
  readonly kind: 'call'
  /** Human-readable origin for errors and logs, e.g. "tool list-secrets". */
  readonly label: string
  readonly target: ConsumedOperation
  readonly inputs: readonly Input[]
  /** Every slot of the upstream request, upstream-level first. */
  readonly slots: readonly Slot[]
  readonly output: OutputShape
  /** Names of `with` results computed before the call (for templates). */
  readonly withEntries: readonly { readonly name: string; readonly source: ValueSource }[]
}

export interface MockPlan {
  readonly kind: 'mock'
  readonly label: string
  readonly inputs: readonly Input[]
  readonly withEntries: readonly { readonly name: string; readonly source: ValueSource }[]
  readonly output: OutputShape
}

export interface StepsPlan {
  readonly kind: 'steps'
  readonly label: string
  readonly inputs: readonly Input[]
  readonly withEntries: readonly { readonly name: string; readonly source: ValueSource }[]
  readonly steps: readonly Step[]
  /** step mappings → result object; empty: last call's result. */
  readonly mappings: readonly {
    readonly target: readonly string[]
    readonly path: readonly string[]
  }[]
  readonly output: OutputShape
}

export type Step =
  | {
      readonly kind: 'call'
      readonly name: string
      readonly target: ConsumedOperation
      readonly slots: readonly Slot[]
      readonly withEntries: readonly { readonly name: string; readonly source: ValueSource }[]
    }
  | {
      readonly kind: 'lookup'
      readonly name: string
      readonly index: string
      readonly match: string
      readonly lookupValue:
        | { readonly kind: 'path'; readonly path: readonly string[] }
        | { readonly kind: 'template'; readonly template: Template }
      readonly outputs: readonly string[]
    }
  | ScriptStep

/** A JavaScript step run in a sandbox: it reads `context` and assigns `result` (its output). */
export interface ScriptStep {
  readonly kind: 'script'
  readonly name: string
  /** The step's own location directory (real path not yet resolved); without one, its governance's defaultLocation at run time. */
  readonly location?: string
  /** The file's management.scripting, read at each run through the runner (PUT /scripting may change it). */
  readonly governance?: ScriptingGovernance
  /** Whether the step names its language; if not, the governance's defaultLanguage at run time decides. */
  readonly ownLanguage: boolean
  /** Dependencies first, the main file last; relative to root, '/'-separated. */
  readonly files: readonly string[]
  /** Rendered `with` values, added to the script's `context`. */
  readonly with: readonly {
    readonly name: string
    readonly render: (context: TemplateContext) => unknown
  }[]
  readonly memoryBytes: number
}

/** `management.scripting` of the file's control expose: defaults and limits for script steps. */
export interface ScriptingGovernance {
  readonly enabled: boolean
  readonly defaultLocation?: string
  readonly defaultLanguage?: string
  readonly allowedLanguages?: readonly string[]
  readonly timeoutMs: number
  /** Function calls and jumps a run may make (QuickJS's count, about two per loop iteration). */
  readonly statementLimit: number
}

export type Plan = CallPlan | MockPlan | StepsPlan

export interface ToolHints {
  readonly readOnly?: boolean
  readonly destructive?: boolean
  readonly idempotent?: boolean
  readonly openWorld?: boolean
}

export interface RestOperation {
  readonly name: string
  readonly method: HttpMethod
  /** Route template as written, e.g. /v1/container/{containerid}/secret */
  readonly path: string
  readonly description?: string
  readonly plan: Plan
  readonly pointer: string
}

export interface RestForward {
  readonly path: string
  readonly upstream: Upstream
  readonly trustedHeaders: readonly string[]
}

export interface Authentication {
  readonly type: string
  readonly fields: Readonly<Record<string, Template>>
  readonly options: Readonly<Record<string, unknown>>
}

export interface RestExpose {
  readonly type: 'rest'
  readonly namespace: string
  readonly port: number
  readonly address: string | undefined
  readonly authentication: Authentication | undefined
  readonly operations: readonly RestOperation[]
  readonly forwards: readonly RestForward[]
  readonly description?: string
}

export interface McpTool {
  readonly name: string
  readonly title?: string
  readonly description: string
  readonly hints: ToolHints
  readonly plan: Plan
  readonly pointer: string
}

export interface McpResource {
  readonly name: string
  readonly title?: string
  readonly uri: string
  readonly description?: string
  readonly mimeType?: string
  /** Static: absolute directory or file; dynamic: a plan fed by URI template variables. */
  readonly source:
    | { readonly kind: 'location'; readonly path: string }
    | { readonly kind: 'plan'; readonly plan: Plan }
}

export interface McpPrompt {
  readonly name: string
  readonly title?: string
  readonly description?: string
  readonly arguments: readonly {
    readonly name: string
    readonly description?: string
    readonly required: boolean
  }[]
  readonly source:
    | {
        readonly kind: 'template'
        readonly messages: readonly {
          readonly role: 'user' | 'assistant'
          readonly content: string
        }[]
      }
    | { readonly kind: 'location'; readonly path: string }
}

export interface McpExpose {
  readonly type: 'mcp'
  readonly namespace: string
  readonly transport: 'http' | 'stdio'
  readonly port: number | undefined
  readonly address: string | undefined
  readonly description?: string
  readonly authentication: Authentication | undefined
  readonly tools: readonly McpTool[]
  readonly resources: readonly McpResource[]
  readonly prompts: readonly McpPrompt[]
}

export interface ControlExpose {
  readonly type: 'control'
  readonly namespace: string
  readonly port: number
  readonly address: string | undefined
  readonly authentication: Authentication | undefined
}

export type { DerivedSkillTool, InstructionSkillTool, Skill, SkillExpose } from './skill-types.js'

export type Expose = RestExpose | McpExpose | ControlExpose | SkillExpose

export interface BindVariable {
  /** Variable name used in templates (QOVERY_API_KEY). */
  readonly variable: string
  /** Bind namespace (env): templates may say {{env.QOVERY_API_KEY}}. */
  readonly namespace: string
  /** Provider key: env var name or key in the bind file. */
  readonly key: string
  /** Absolute path of a bind file, when the bind has a file: location. */
  readonly file: string | undefined
}

export interface Capability {
  readonly file: string
  readonly version: string
  readonly label: string
  readonly description: string | undefined
  readonly binds: readonly BindVariable[]
  readonly upstreams: readonly Upstream[]
  readonly exposes: readonly Expose[]
  /** The control expose's `management.scripting`, when the file declares it. */
  readonly scripting?: ScriptingGovernance
  /** The control expose's `management` toggles the file sets explicitly. */
  readonly management?: { readonly health?: boolean; readonly info?: boolean }
  /** The control expose's `observability` block, when the file declares one. */
  readonly observability?: ObservabilitySettings
  readonly diagnostics: readonly Diagnostic[]
}

/** Telemetry settings a capability file declares (control expose `observability`). */
export interface ObservabilitySettings {
  readonly enabled: boolean
  /** OTLP/HTTP base URL; `/v1/traces` is appended. OTEL_* variables take precedence. */
  readonly otlpEndpoint?: string
  /** Share of new traces recorded and exported (0–1); a caller's sampled flag is followed. */
  readonly sampling: number
  readonly tracesLocal: boolean
  readonly traceBufferSize: number
  readonly metricsLocal: boolean
}
