/** `capstan traces [traceId] [--operation S] [--status OK|ERROR]`: a running engine's recent traces. */
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { CONTROL_FLAGS, controlFailure, getControl, parseControlTarget } from './health.js'

const USAGE =
  'usage: capstan traces [traceId] [--operation S] [--status OK|ERROR] [--port N] [--address A] [--json]'

interface Summary {
  traceId: string
  operation: string
  durationMs: number
  status: string
  spanCount: number
  timestamp: string
}

interface Span {
  spanId: string
  parentSpanId?: string
  name: string
  kind: string
  startMs: number
  endMs: number
  status: string
}

export async function tracesCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help')) {
    io.stdout(
      `${USAGE}\n  with a trace id, that trace's spans as a tree; without, the recent traces, newest first\n${CONTROL_FLAGS}  --operation S   only traces whose operation contains S\n  --status S      only traces with status OK or ERROR\n  --json          print the raw document\n`,
    )
    return EXIT_OK
  }
  const query = new URLSearchParams()
  const rest: string[] = []
  let json = false
  let traceId: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--json') json = true
    else if (arg === '--operation' || arg === '--status') {
      const value = args[++i]
      if (value === undefined) {
        io.stderr(`capstan traces: ${arg} needs a value\n${USAGE}\n`)
        return EXIT_USAGE
      }
      query.set(arg.slice(2), value)
    } else if (arg.startsWith('--')) {
      // --port/--address go to the shared parser, as `--port N` or `--port=N`
      rest.push(arg)
      if (!arg.includes('=') && args[i + 1] !== undefined) rest.push(args[++i]!)
    } else if (traceId === undefined && /^[0-9a-f]{32}$/.test(arg)) traceId = arg
    else {
      io.stderr(`capstan traces: "${arg}" is not a trace id (32 lowercase hex digits)\n${USAGE}\n`)
      return EXIT_USAGE
    }
  }
  const target = parseControlTarget(rest, io.env)
  if (typeof target === 'string') {
    io.stderr(`capstan traces: ${target}\n${USAGE}\n`)
    return EXIT_USAGE
  }
  const path =
    traceId === undefined ? `/traces${query.size > 0 ? `?${query}` : ''}` : `/traces/${traceId}`
  const res = await getControl(target, path)
  if (typeof res === 'string' || res.status !== 200) {
    io.stderr(`capstan traces: ${controlFailure(res)}\n`)
    return EXIT_ERRORS
  }
  if (json) io.stdout(res.body + '\n')
  else if (traceId === undefined) io.stdout(listing(JSON.parse(res.body) as ListDoc))
  else io.stdout(tree(JSON.parse(res.body) as Summary & { spans: Span[] }))
  return EXIT_OK
}

interface ListDoc {
  traces: Summary[]
  bufferSize: number
  bufferUsed: number
}

function listing(doc: ListDoc): string {
  const lines = doc.traces.map(
    (t) =>
      `${t.traceId}  ${t.timestamp}  ${t.status.padEnd(5)}  ${t.durationMs.toFixed(2).padStart(9)} ms  ${String(t.spanCount).padStart(3)} span(s)  ${t.operation}`,
  )
  lines.push(`${doc.traces.length} shown; ${doc.bufferUsed} of ${doc.bufferSize} kept`)
  return lines.join('\n') + '\n'
}

/** Spans under their parents; a span whose parent is not in the trace (a remote caller) is a root. */
function tree(trace: Summary & { spans: Span[] }): string {
  const ids = new Set(trace.spans.map((s) => s.spanId))
  const children = new Map<string | undefined, Span[]>()
  for (const span of trace.spans) {
    const parent =
      span.parentSpanId !== undefined && ids.has(span.parentSpanId) ? span.parentSpanId : undefined
    children.set(parent, [...(children.get(parent) ?? []), span])
  }
  const lines = [
    `${trace.traceId}  ${trace.status}  ${trace.durationMs.toFixed(2)} ms  ${trace.operation}`,
  ]
  const walk = (parent: string | undefined, depth: number): void => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.startMs - b.startMs)) {
      lines.push(
        `${'  '.repeat(depth + 1)}${span.name}  ${span.kind}  ${span.status}  ${(span.endMs - span.startMs).toFixed(2)} ms`,
      )
      walk(span.spanId, depth + 1)
    }
  }
  walk(undefined, 0)
  return lines.join('\n') + '\n'
}
