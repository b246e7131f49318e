/** `capstan call <file> <tool | rest-namespace.operation> [--arg k=v ...] [--json '{…}'] [--upstream NS=URL]`. */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { EngineError, UpstreamError } from '../../errors.js'
import type { Plan } from '../../model/types.js'
import { createRuntimeDeps } from '../../runtime/create-runtime-deps.js'
import { invoke } from '../../runtime/invoke.js'
import { resolveSecrets } from '../../runtime/resolve-secrets.js'
import { createUndiciTransport } from '../../runtime/transport/index.js'
import { parseYamlValue } from '../../spec/parse-yaml-value.js'
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { loadForCli } from '../load-for-cli.js'
import { parseRunFlags } from './run.js'

const USAGE =
  "usage: capstan call <file> <tool name | rest-namespace.operation> [--arg name=value ...] [--json '{...}'] [--upstream NS=URL]\n"

export async function callCommand(args: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        arg: { type: 'string', multiple: true },
        json: { type: 'string' },
        upstream: { type: 'string', multiple: true },
      },
    })
  } catch (error) {
    io.stderr(`capstan call: ${(error as Error).message}\n${USAGE}`)
    return EXIT_USAGE
  }
  const [file, target] = parsed.positionals
  if (!file || !target) {
    io.stderr(USAGE)
    return EXIT_USAGE
  }
  const flags = parseRunFlags(
    [file, ...(parsed.values.upstream ?? []).flatMap((u) => ['--upstream', u])],
    io.env,
  )
  if (typeof flags === 'string') {
    io.stderr(`capstan call: ${flags}\n`)
    return EXIT_USAGE
  }
  const loaded = await loadForCli([file], io, { quiet: true, upstreams: flags.upstreams })
  if (loaded.failed) return EXIT_ERRORS
  const plans = new Map<string, Plan>()
  for (const cap of loaded.capabilities)
    for (const e of cap.exposes) {
      if (e.type === 'mcp') for (const t of e.tools) plans.set(t.name, t.plan)
      if (e.type === 'rest')
        for (const op of e.operations) plans.set(`${e.namespace}.${op.name}`, op.plan)
    }
  const plan = plans.get(target)
  if (!plan) {
    io.stderr(
      `capstan call: "${target}" is neither an MCP tool nor a REST operation of ${file}. Known: ${[...plans.keys()].join(', ')}\n`,
    )
    return EXIT_USAGE
  }
  let values: Record<string, unknown> = {}
  try {
    if (parsed.values.json) values = JSON.parse(parsed.values.json) as Record<string, unknown>
  } catch {
    io.stderr('capstan call: --json is not valid JSON\n')
    return EXIT_USAGE
  }
  for (const a of parsed.values.arg ?? []) {
    const eq = a.indexOf('=')
    if (eq <= 0) {
      io.stderr(`capstan call: --arg expects name=value, got "${a}"\n`)
      return EXIT_USAGE
    }
    const name = a.slice(0, eq)
    const raw = a.slice(eq + 1)
    const input = plan.inputs.find((i) => i.name === name)
    values[name] = input && input.type !== 'string' ? parseTyped(raw) : raw
  }
  const { secrets, problems } = resolveSecrets(
    loaded.capabilities.flatMap((c) => c.binds),
    { env: io.env, readFile: (p) => readFileSync(p, 'utf8'), parseYaml: parseYamlValue },
  )
  if (problems.length > 0) {
    io.stderr(problems.map((p) => `capstan call: ${p.message}`).join('\n') + '\n')
    return EXIT_ERRORS
  }
  const transport = createUndiciTransport()
  try {
    const result = await invoke(
      plan,
      values,
      createRuntimeDeps({ transport, secrets, parseYaml: parseYamlValue }),
      {},
    )
    if (result.kind === 'value') io.stdout(JSON.stringify(result.value, null, 2) + '\n')
    else if (result.kind === 'stream')
      io.stdout(
        Buffer.from(await result.body.bytes(64 * 1024 * 1024, { operationId: target })).toString(
          'utf8',
        ) + '\n',
      )
    else io.stdout(`(no content, HTTP ${result.status})\n`)
    return EXIT_OK
  } catch (error) {
    if (error instanceof UpstreamError)
      io.stderr(
        `capstan call: upstream answered HTTP ${error.status}: ${Buffer.from(error.body).toString('utf8').slice(0, 2000)}\n`,
      )
    else if (error instanceof EngineError)
      io.stderr(`capstan call: ${error.code}: ${error.message}\n`)
    else io.stderr('capstan call: internal error\n')
    return EXIT_ERRORS
  } finally {
    await transport.close()
  }
}

function parseTyped(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}
