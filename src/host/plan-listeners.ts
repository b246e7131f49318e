/**
 * Groups every expose of every capability by port (capabilities sharing a port share a listener)
 * and reports route or tool clashes between files as diagnostics naming both files.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js'
import { routeKey } from '../model/resolve-rest.js'
import type {
  Capability,
  ControlExpose,
  McpExpose,
  RestExpose,
  SkillExpose,
} from '../model/types.js'

export interface ListenerPlan {
  readonly port: number
  readonly rest: RestExpose[]
  readonly mcp: McpExpose[]
  readonly control: ControlExpose[]
  readonly skill: SkillExpose[]
}

export interface PortOverrides {
  readonly restPort?: number
  readonly mcpPort?: number
  readonly controlPort?: number
  readonly skillPort?: number
}

export function planListeners(
  capabilities: readonly Capability[],
  overrides: PortOverrides,
): { listeners: ListenerPlan[]; stdio: McpExpose[]; diagnostics: Diagnostic[] } {
  const byPort = new Map<number, ListenerPlan>()
  const stdio: McpExpose[] = []
  const diagnostics: Diagnostic[] = []
  /** Which file first declared each route, tool or skill on a port. */
  const declared = new Map<string, string>()
  const claim = (key: string, file: string, clash: (first: string) => Diagnostic): void => {
    const first = declared.get(key)
    if (first !== undefined && first !== file) diagnostics.push({ ...clash(first), file })
    else declared.set(key, file)
  }
  const at = (port: number): ListenerPlan => {
    let l = byPort.get(port)
    if (!l) byPort.set(port, (l = { port, rest: [], mcp: [], control: [], skill: [] }))
    return l
  }
  for (const cap of capabilities) {
    for (const expose of cap.exposes) {
      if (expose.type === 'rest') {
        const port = overrides.restPort ?? expose.port
        for (const op of expose.operations)
          claim(`route ${port} ${op.method} ${routeKey(op.path)}`, cap.file, (first) =>
            diagnostic('PORT_ROUTE_CLASH', {
              pointer: op.pointer,
              message: `Route ${op.method} ${op.path} on port ${port} is declared by both ${first} and ${cap.file}.`,
              hint: 'Give one of the capabilities another path prefix or port (or --rest-port only when routes differ).',
            }),
          )
        at(port).rest.push(expose)
      } else if (expose.type === 'mcp') {
        if (expose.transport === 'stdio') {
          stdio.push(expose)
          continue
        }
        const port = overrides.mcpPort ?? expose.port ?? 0
        for (const tool of expose.tools)
          claim(`tool ${port} ${tool.name}`, cap.file, (first) =>
            diagnostic('PORT_TOOL_CLASH', {
              pointer: tool.pointer,
              message: `Tool "${tool.name}" on MCP port ${port} is declared by both ${first} and ${cap.file}.`,
              hint: 'Rename one tool, or serve the capabilities on different MCP ports.',
            }),
          )
        at(port).mcp.push(expose)
      } else if (expose.type === 'control') {
        at(overrides.controlPort ?? expose.port).control.push(expose)
      } else {
        const port = overrides.skillPort ?? expose.port
        for (const skill of expose.skills)
          claim(`skill ${port} ${skill.name}`, cap.file, (first) =>
            diagnostic('PORT_SKILL_CLASH', {
              pointer: skill.pointer,
              message: `Skill "${skill.name}" on port ${port} is declared by both ${first} and ${cap.file}.`,
              hint: 'Rename one skill, or serve the capabilities on different skill ports.',
            }),
          )
        at(port).skill.push(expose)
      }
    }
  }
  return { listeners: [...byPort.values()], stdio, diagnostics }
}
