/**
 * The tools one MCP endpoint serves, built once at adapter creation: wire definitions for
 * tools/list and, per name, the plan plus its compiled argument validator.
 */
import type { McpExpose, McpTool } from '../../model/types.js'
import { toInputSchema, type JsonSchema } from '../input-schema.js'
import type { ArgumentValidator } from './argument-validator.js'

export interface ToolDefinition {
  readonly name: string
  readonly title?: string
  readonly description?: string
  readonly inputSchema: JsonSchema
  readonly outputSchema?: JsonSchema
  readonly annotations?: Record<string, unknown>
}

export interface ToolEntry {
  readonly tool: McpTool
  readonly definition: ToolDefinition
  readonly validate: ArgumentValidator
}

export interface ToolTable {
  readonly definitions: readonly ToolDefinition[]
  readonly byName: ReadonlyMap<string, ToolEntry>
}

export function buildToolTable(
  exposes: readonly McpExpose[],
  compile: (schema: JsonSchema) => ArgumentValidator,
): ToolTable {
  const byName = new Map<string, ToolEntry>()
  const definitions: ToolDefinition[] = []
  for (const expose of exposes) {
    for (const tool of expose.tools) {
      // The model rejects clashes at load; first declaration wins if one slips through.
      if (byName.has(tool.name)) continue
      const definition = toDefinition(tool)
      byName.set(tool.name, { tool, definition, validate: compile(definition.inputSchema) })
      definitions.push(definition)
    }
  }
  return { definitions, byName }
}

function toDefinition(tool: McpTool): ToolDefinition {
  const definition: {
    -readonly [K in keyof ToolDefinition]: ToolDefinition[K]
  } = { name: tool.name, inputSchema: toInputSchema(tool.plan.inputs) }
  if (tool.title !== undefined) definition.title = tool.title
  if (tool.description !== '') definition.description = tool.description
  const output = tool.plan.output.schema
  if (output !== undefined && output.type === 'object') definition.outputSchema = { ...output }
  const annotations = toAnnotations(tool)
  if (annotations !== undefined) definition.annotations = annotations
  return definition
}

function toAnnotations(tool: McpTool): Record<string, unknown> | undefined {
  const a: Record<string, unknown> = {}
  const { hints } = tool
  if (tool.title !== undefined) a.title = tool.title
  if (hints.readOnly !== undefined) a.readOnlyHint = hints.readOnly
  if (hints.destructive !== undefined) a.destructiveHint = hints.destructive
  if (hints.idempotent !== undefined) a.idempotentHint = hints.idempotent
  if (hints.openWorld !== undefined) a.openWorldHint = hints.openWorld
  return Object.keys(a).length > 0 ? a : undefined
}
