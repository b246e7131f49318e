/** Renders the benchmark results as BENCHMARKS.md: method, targets with pass/miss, raw numbers. */
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { NOTES } from './notes.js'

export interface Section {
  readonly title: string
  readonly rows: Array<{ target: string; value: string; ratio: string; pass: boolean }>
  readonly raw: string[]
}

export const METHOD = `## Method

- Everything runs on 127.0.0.1, each part in its own process: the upstream (\`bench/upstream.ts\`,
  fixed JSON bodies of 1 KB, 10 KB and 64 KB and a 200 MB streamed JSON, each answer prebuilt bytes
  on a plain socket), the minimal proxy
  (\`bench/minimal-proxy.ts\`: node:http + undici Pool, body piped, no mapping — the practical
  ceiling), the bare MCP SDK server (\`bench/bare-mcp.ts\`: low-level \`Server\`, \`createMcpHandler\`
  for 2026-07-28 and a plain session map for 2025-11-25, the tool handler calls the upstream with
  undici), Capstan itself (\`node bin/capstan.js run --upstream '*=http://127.0.0.1:<port>'
  bench/bench.capability.yaml\`, built with \`npm run build\`, default log level \`info\` with its
  access log written to /dev/null), and the load generators (\`bench/load.ts\`, autocannon, for
  saturation and soaks; \`bench/open-loop.ts\` for latency). The minimal proxy and the bare SDK
  server run with the V8 flag \`capstan run\` sets in its own process
  (\`--heap-growing-percent=300\`, docs/operations.md), so no ratio comes from that setting.
  Capstan also gets a control port: each paced round reads
  \`nodejs_gc_duration_seconds_count{kind="major"}\` from its /metrics before and after Capstan's
  run, and the latency rows and raw lines report the full garbage collections it ran.
- Every target is a ratio or a difference between figures measured in the same run, one after the
  other, so machine noise hits both sides similarly. Absolute numbers vary between machines and runs.
- Saturation: 32 connections, closed loop, 3 s per round, seven alternating rounds (baseline then
  Capstan, Capstan then baseline, …). A throughput ratio is the median of the seven per-round ratios,
  each from two runs back to back, so a slow spell lands on both sides of one ratio; each side's
  median round is shown beside it, and every round and per-round ratio is listed under Raw numbers.
  Latency: open loop at half of Capstan's saturation rate, after 2 s without traffic, the same
  rate offered to the direct call, the minimal proxy and Capstan by our own paced generator (its
  own process) in five rounds of 4 s each (after 2 s uncounted at the same rate), the order
  rotated each round. An added latency is Capstan's percentile minus the direct call's in the same
  round; the row shows the median round and lists all five, and every run is under Raw numbers.
  A round in which the direct call's own p50 is over 1 ms (about ten times its usual) measured a
  disturbed machine (on this VM: the hypervisor's steal, other tenants) rather than the engines; it
  is listed as not counted and run again, at most five more rounds per size, and if that does not
  give five calm rounds every round counts. The choice looks only at the direct call.
  One more round at 200 req/s, where nothing queues, shows what a single hop costs on the machine,
  for Capstan and for the minimal proxy.
- The paced generator sends requests at evenly spaced scheduled times over up to 64 keep-alive
  connections, whether or not earlier ones have answered, and each latency counts from the
  request's scheduled time, so a stall of the engine or the machine shows in the percentiles
  (coordinated omission corrected); requests still unanswered 10 s after the last one is sent count
  as errors. It writes prebuilt request bytes on plain sockets and reads only each response's
  status and framing. \`bench/open-loop.c\` is built with the machine's C compiler
  (\`bench/native-generator.ts\`, cached under \`node_modules/.cache\`): a timerfd armed at each
  request's time (gaps of 0.32–0.35 ms at 3,000 req/s between the 10th and 90th percentile), a few
  microseconds of CPU per request. Without a C compiler the bench falls back to
  \`bench/open-loop.ts\` (a worker thread paces it to ~0.1 ms, at ~100 µs of CPU per request, which
  the engine under test then waits for on two cores); the header says which one ran. The upstream
  answers with prebuilt bytes (\`bench/request-reader.ts\`; both readers are tested against
  node:http). autocannon's rate mode is not used for latency: each connection sends its
  per-second quota back to back and then pauses, so it measures latency under bursts at full speed.
- \`npm run bench\` runs under the Node that npm puts first on PATH; the version is in the header.
- MCP: 2026-07-28 requests carry the per-request \`_meta\` envelope and \`Mcp-Method\`/\`Mcp-Name\`
  headers (no initialize); 2025-11-25 opens one session (initialize + initialized) and sends every
  \`tools/call\` on it. Each request has a unique JSON-RPC id.
- Start-up: from \`spawn\` of \`node bin/capstan.js run\` to the first 200 on \`GET /openapi.json\`
  (polled every 2 ms), measured first, before any load (later sections leave the kernel reclaiming
  hundreds of MB). The first start after the build writes the compile cache and the parse and
  validation caches; it is reported in the raw numbers and not counted. 1,000 capability files are
  generated into a temp dir from the bench capability (distinct namespaces, paths and tool names);
  the first of their three starts parses and validates them, the next two read the caches. Idle RSS is the settled RSS (below)
  after 12 s without traffic: V8 keeps the young generation start-up grew (16–32 MB) until its
  memory reducer runs, which needs a full collection first; the reading 2 s after ready is shown
  beside it.
- RSS is \`VmRSS\` from \`/proc/<pid>/status\`. Each flatness soak runs on a fresh engine (so the heap
  earlier sections grew is not counted), measured after a warm-up of a tenth of the calls (as many
  sessions as are measured): JIT, pools, the session store (LRU cap 1,000) and V8's young
  generation reach their steady size during the warm-up (sessions are long-lived objects made at a
  high rate; in a probe V8 grew the new space from 8 to 27 MB within the first ~12,000, and not
  over the next 10,000); the value
  before the warm-up is shown too. Each reading for
  flatness is the settled RSS: the lowest of 16 samples over 4 s, taken after 1 s of idleness, so
  whether a garbage collection ran just before a single sample does not decide the result.
- In-process micro-benchmarks run in a child process (\`bench/in-process.ts\`): \`loadCapabilities\`
  on the 1,000 generated files (first load in a fresh process counts), and sequential \`invoke\` of
  the 1 KB operation against a bare undici \`request\` + \`JSON.parse\` of the same URL, alternated in
  11 rounds; the overhead is the median of the per-round ratios, the times are each side's median.
`

export function writeReport(
  file: string,
  sections: Section[],
  run: { quick: boolean; seconds: number; pacer: 'native' | 'node' },
): string {
  const out: string[] = ['# Benchmarks', '']
  out.push(
    `Generated by \`npm run bench\`${run.quick ? ' (BENCH_QUICK=1: short runs, fewer calls)' : ''} on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, run time ${run.seconds.toFixed(0)} s; paced generator: ${run.pacer === 'native' ? '`bench/open-loop.c` (native)' : '`bench/open-loop.ts` (no C compiler)'}.`,
    '',
  )
  const all = sections.flatMap((s) => s.rows)
  out.push(`**${all.filter((r) => r.pass).length} of ${all.length} targets met.**`, '')
  out.push('## Results', '')
  for (const s of sections) {
    out.push(`### ${s.title}`, '', '| Target | Measured | Ratio | Result |', '|---|---|---|---|')
    for (const r of s.rows)
      out.push(`| ${r.target} | ${r.value} | ${r.ratio} | ${r.pass ? 'pass' : '**miss**'} |`)
    out.push('')
  }
  out.push(NOTES, '', METHOD, '## Raw numbers', '')
  for (const s of sections) {
    out.push(`### ${s.title}`, '')
    for (const r of s.raw) out.push(`- ${r}`)
    out.push('')
  }
  writeFileSync(file, out.join('\n'))
  return file
}
