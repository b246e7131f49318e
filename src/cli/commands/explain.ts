/** `capstan explain [--format json] <paths...>`: per operation and tool, its inputs and where each goes upstream. */
import { parseArgs } from 'node:util'
import type { Capability, Input, Plan, Slot, ValueSource } from '../../model/types.js'
import { DEFAULT_SCRIPT_TIMEOUT_MS } from '../../model/resolve-scripting.js'
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { loadForCli } from '../load-for-cli.js'
import { joinUrl } from '../../runtime/join-url.js'
import { scriptingOffByEnv, scriptRefusal } from '../../runtime/scripting/script-refusal.js'

export interface ExplainedEntry {
  readonly capability: string
  readonly surface: 'rest' | 'mcp' | 'skill'
  readonly name: string
  readonly route?: string
  readonly inputs: readonly {
    name: string
    location: string
    type: string
    required: boolean
    origin: 'declared' | 'inferred'
  }[]
  readonly upstream?: {
    readonly method: string
    readonly operation: string
    readonly url: string
    readonly slots: readonly { location: string; name: string; from: string }[]
  }
  readonly mode: Plan['kind'] | 'skill'
  /** An orchestration's steps in order, each with what it does. */
  readonly steps?: readonly { kind: string; name: string; detail: string }[]
  /** A skill's tools and what each points at. */
  readonly skillTools?: readonly { name: string; target: string }[]
}

/** `env` decides, as at run time, whether NAFTIKO_SCRIPTING=false refuses a file's script steps. */
export function explainCapability(
  cap: Capability,
  env: Readonly<Record<string, string | undefined>> = {},
): ExplainedEntry[] {
  const offByEnv = scriptingOffByEnv(env)
  const out: ExplainedEntry[] = []
  for (const expose of cap.exposes) {
    if (expose.type === 'rest') {
      for (const op of expose.operations)
        out.push(entry(cap, 'rest', op.name, op.plan, offByEnv, `${op.method} ${op.path}`))
    } else if (expose.type === 'mcp') {
      for (const tool of expose.tools) out.push(entry(cap, 'mcp', tool.name, tool.plan, offByEnv))
    } else if (expose.type === 'skill') {
      for (const skill of expose.skills)
        out.push({
          capability: cap.label,
          surface: 'skill',
          name: skill.name,
          ...(skill.location === undefined ? {} : { route: `/skills/${skill.name}` }),
          inputs: [],
          mode: 'skill',
          skillTools: skill.tools.map((t) => ({
            name: t.name,
            target:
              t.kind === 'derived'
                ? `${t.mode} ${t.mode === 'mcp' ? 'tool' : 'operation'} ${t.action} of ${t.targetNamespace}`
                : `instruction ${t.instruction}`,
          })),
        })
    }
  }
  return out
}

/** What each step of an orchestration does, in a line. */
function stepLines(
  plan: Extract<Plan, { kind: 'steps' }>,
  offByEnv: boolean,
): NonNullable<ExplainedEntry['steps']> {
  return plan.steps.map((step) => {
    switch (step.kind) {
      case 'call':
        return {
          kind: 'call',
          name: step.name,
          detail: `${step.target.method} ${upstreamUrl(step.target)}  (${step.target.id})`,
        }
      case 'lookup':
        return {
          kind: 'lookup',
          name: step.name,
          detail: `in ${step.index} where ${step.match} matches`,
        }
      case 'script': {
        const refusal = scriptRefusal(step, step.governance, offByEnv)
        return {
          kind: 'script',
          name: step.name,
          detail: `${step.files.join(', ')}  (JavaScript, ${step.governance?.timeoutMs ?? DEFAULT_SCRIPT_TIMEOUT_MS} ms)${refusal === undefined ? '' : `, refused: ${refusal}`}`,
        }
      }
    }
  })
}

function upstreamUrl(t: Extract<Plan, { kind: 'call' }>['target']): string {
  return joinUrl(
    t.upstream.baseUri.source,
    t.path.map((p) => (p.kind === 'literal' ? p.text : `{${p.name}}`)).join(''),
  )
}

function entry(
  cap: Capability,
  surface: 'rest' | 'mcp',
  name: string,
  plan: Plan,
  offByEnv: boolean,
  route?: string,
): ExplainedEntry {
  const inputs = plan.inputs.map((i: Input) => ({
    name: i.name,
    location: i.wholeBody ? 'body (whole)' : i.location,
    type: i.type,
    required: i.required,
    origin: i.inferred ? ('inferred' as const) : ('declared' as const),
  }))
  const base = {
    capability: cap.label,
    surface,
    name,
    ...(route ? { route } : {}),
    inputs,
    mode: plan.kind,
  }
  if (plan.kind === 'steps') return { ...base, steps: stepLines(plan, offByEnv) }
  if (plan.kind !== 'call') return base
  const t = plan.target
  const url = upstreamUrl(t)
  return {
    ...base,
    upstream: {
      method: t.method,
      operation: t.id,
      url,
      slots: plan.slots.map((s: Slot) => ({
        location: s.location,
        name: s.name,
        from: describe(s.source),
      })),
    },
  }
}

function describe(source: ValueSource): string {
  switch (source.kind) {
    case 'input':
      return `input ${source.input}`
    case 'template':
      return `template ${source.template.source}`
    case 'literal':
      return `literal ${JSON.stringify(source.value)}`
    case 'bind':
      return `bind ${source.variable}`
  }
}

export async function explainCommand(args: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' } },
    })
  } catch (error) {
    io.stderr(`capstan explain: ${(error as Error).message}\n`)
    return EXIT_USAGE
  }
  if (parsed.positionals.length === 0) {
    io.stderr('usage: capstan explain [--format text|json] <paths...>\n')
    return EXIT_USAGE
  }
  const format = parsed.values.format === 'json' ? 'json' : 'text'
  const result = await loadForCli(parsed.positionals, io, { quiet: true, format })
  const entries = result.capabilities.flatMap((c) => explainCapability(c, io.env))
  if (format === 'json') {
    io.stdout(JSON.stringify(entries, null, 2) + '\n')
    return result.failed ? EXIT_ERRORS : EXIT_OK
  }
  for (const cap of result.capabilities) {
    io.stdout(`\n${cap.label}  (${cap.file})\n`)
    const rules = cap.diagnostics.filter((d) => d.severity === 'info').length
    if (rules > 0)
      io.stdout(
        `  ${rules} compatibility inference(s) applied; see \`capstan validate\` for each rule and its strict rewrite.\n`,
      )
    for (const e of explainCapability(cap, io.env)) {
      if (e.surface === 'skill') {
        io.stdout(`\n  SKILL ${e.name}${e.route ? `  (files at ${e.route}/contents)` : ''}\n`)
        if (e.skillTools!.length === 0) io.stdout('    tools: none\n')
        for (const t of e.skillTools!) io.stdout(`    tool ${t.name.padEnd(25)} → ${t.target}\n`)
        continue
      }
      io.stdout(
        `\n  ${e.surface === 'rest' ? 'REST' : 'MCP tool'} ${e.route ?? e.name}${e.route ? `  (${e.name})` : ''}\n`,
      )
      if (e.inputs.length === 0) io.stdout('    inputs: none\n')
      for (const i of e.inputs)
        io.stdout(
          `    input ${i.name.padEnd(24)} ${i.location.padEnd(13)} ${i.type.padEnd(8)} ${i.required ? 'required' : 'optional'}  ${i.origin}\n`,
        )
      if (e.upstream) {
        io.stdout(`    → ${e.upstream.method} ${e.upstream.url}  (${e.upstream.operation})\n`)
        for (const s of e.upstream.slots)
          io.stdout(`      ${s.location.padEnd(7)} ${s.name.padEnd(24)} ← ${s.from}\n`)
      } else
        io.stdout(`    → ${e.mode === 'mock' ? 'mock (no upstream call)' : 'orchestrated steps'}\n`)
      e.steps?.forEach((step, i) =>
        io.stdout(`      ${i + 1} ${step.kind.padEnd(6)} ${step.name.padEnd(16)} ${step.detail}\n`),
      )
    }
  }
  return result.failed ? EXIT_ERRORS : EXIT_OK
}
