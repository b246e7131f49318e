/** What was changed to meet the targets, and why a missed target is missed (kept by hand). */
export const NOTES = `## What was changed, guided by profiles

Every change below came from a CPU profile (\`node --cpu-prof\`) of the slow case; "before" figures
are from earlier runs of this harness on this machine (ratios, same-run baselines).

**Loading and start-up**
- YAML: \`yaml\` (full syntax tree with positions) read ~2.5 MB/s and was most of the loader's time.
  Files are now read by js-yaml (10–15× faster); the tree with positions is built only for a file
  that has a diagnostic to locate (\`src/spec/parse-yaml.ts\`, differential test against \`yaml\`).
- Files were read with one awaited \`fs.promises.readFile\` each (a thread-pool round trip per file);
  they are now read synchronously in a bounded pool.
- Schema validation: Ajv compiled the official and compat schemas (and the \`oneOf\`/\`anyOf\` branch
  validators used to explain errors) at every start: ~300–600 ms. They are now generated at build
  time as Ajv standalone code, one module per schema with every branch
  (\`src/spec/precompile-validators.ts\`); start-up compiles nothing, and a differential test checks
  the built validators give exactly the diagnostics of run-time compilation on every fixture.
  Ajv's code optimiser is off for the run-time path (~40% less compile time, same speed).
- Libraries only some capabilities need (avsc, protobufjs, fast-xml-parser, jose), each CLI
  command's module and each MCP tool's argument validator are loaded or compiled on first use.
- The profile of a seeds start (~700 ms) showed ~250 ms in Node's module loader (~400 ES modules
  resolved, read and compiled one by one) and ~75 ms building YAML syntax trees only to locate the
  seeds' ~400 inference diagnostics, which \`capstan run\` never prints. The steps, each timed
  outside the harness on a quiet machine (median of five starts):
  - The command is now one CommonJS bundle (\`dist/capstan.cjs\`, esbuild at build time): ~470 ms.
  - V8's compiled code of the bundle and of the generated validators is kept between starts
    (\`src/cli/compile-cache.ts\`: Node 22's built-in cache, a loader hook on Node 20): ~370 ms.
  - A diagnostic's line and column are looked up when first read, and diagnostics are sorted in
    document order from the parsed data (checked against line/column order on every fixture), so
    no syntax tree is built at start: ~270 ms, and ~10 MB less resident memory.
  - The profile of that start still showed ~90 ms (a third) in structural validation: the official
    and compat schemas and the explanation of every tolerated deviation. Validation depends only on
    a file's text and the profile, so its diagnostics (before positions are attached) are now kept
    between runs, keyed by a SHA-256 of profile and text, beside the compiled code
    (\`src/spec/validation-cache.ts\`, \`src/cli/validation-cache-file.ts\`; a differential test
    over every fixture holds cached and fresh diagnostics equal, and a binary test edits a file and
    sees it validated again). An unchanged file loads no validator at all: ~180–250 ms, and the
    young generation grows to 16 MB instead of 32 MB during start-up.
  The first start after an install or upgrade has neither cache yet and takes ~550–650 ms; the
  start-up section runs first in the harness, reports that start in the raw numbers and counts the
  five after it.
- Effect: the in-process loader on 1,000 files went from ~3.0 s to ~0.6–1.0 s; \`capstan run\` on
  1,000 files from more than 30 s (first session) to the figure above; the four seeds from
  ~0.8–1.3 s to the figure above.

**Request path** (REST 1 KB throughput was 38% of the minimal proxy, MCP 2025-11-25 66% of the
bare SDK server before these changes)
- MCP \`tools/call\` (72% and 75% of the bare SDK server in the previous recorded run): the
  profile showed two thirds of a call's CPU in the SDK's per-request machinery (the web
  \`Request\`/\`Response\` conversion of \`toNodeHandler\`, a fresh \`Server\` per 2026-07-28 request,
  zod round trips, an \`Error\` with a stack trace per closed stateless exchange), against ~10% in
  Capstan's own code. A well-formed call (2026-07-28, or 2025-11-25 on an open session) is now
  answered by Capstan directly (\`src/adapters/mcp/tool-call-hot-path.ts\`): the same tool call and
  the same result as the SDK path, written in one piece with \`Content-Length\`. Only a request
  whose headers, body keys and tool are exactly what a conforming client sends qualifies, and for
  2026-07-28 the SDK's own \`classifyInboundRequest\` must accept it; anything else goes to the SDK.
  A differential test sends valid calls, tool errors, unknown tools, mismatched headers, broken
  envelopes, progress tokens, bad JSON and unknown sessions to an adapter with and without the hot
  path and requires the same status and body. Effect: about 2× the bare SDK server in both eras
  (the bare server pays the SDK path in full; Capstan still validates arguments, runs the binding
  plan, shapes \`structuredContent\`, records metrics, spans and an access-log line).
- Streamed passthrough bodies went through a size-limiting \`Transform\`; a body whose declared
  length is within the cap is now handed on as undici gives it, with its errors mapped on
  \`destroy\` (the HTTP parser already stops at the declared length). In-process, \`invoke\` went
  from +16% to within a few percent of a bare undici request.
- REST passthrough kept no \`Content-Length\` (chunked framing, several writes per response) and
  piped with \`stream/promises.pipeline\`, which creates an \`AbortController\` and a \`DOMException\`
  per call. The upstream length is now kept, bodies up to 1 MiB go out in one write, larger ones
  are piped without \`pipeline\`.
- Trace and span ids came from \`crypto.randomBytes\` (one call per id); they now come from a
  pooled random buffer. Metric label keys were built by sorting and JSON-encoding the labels on
  every observation; label objects are now made once per series and found by identity. The trace
  ring buffer builds its summaries (ISO timestamps) when \`/traces\` is read, not per request.
- The per-client \`AsyncLocalStorage\` (which makes every promise pay for async context) is entered
  only when per-client rate limits or concurrency caps are configured.
- Log objects were scrubbed for secret values twice; now once, in one pass per record, copying an
  object only where a value changed (before, every field of the access-log line was rebuilt and
  the secret sets were listed once per string). The list of secret values is prepared once per set
  of bound values (a \`--watch\` reload supplies a new one), not per record.
- Legacy (2025-11-25) MCP sessions answer \`tools/call\` with a JSON body instead of an SSE stream
  (\`enableJsonResponse\`): Capstan sends no mid-call notifications, so nothing is lost.
- Response masking prepared its secret patterns (a \`Set\`, one \`Buffer\` per secret) for every
  REST response and copied each body chunk twice; the patterns are now prepared once per set of
  bound values. Spans no longer spread attribute objects or run a capturing regex on the
  traceparent twice per request; REST route shapes are computed once; an upstream without auth
  costs no \`await\`, the upstream URL's origin is read once per hop and route paths are split
  without a regex. (Each of these is a few microseconds; none is visible above this machine's
  run-to-run noise on its own.)

**Measuring on this machine.** Two full runs on the same day and code differ by more than most of
these changes: the bare SDK server measured 1,316 and 1,984 calls/s, the minimal proxy at 10 KB
5,426 and 7,151 req/s, invoke's overhead +11% and +18%, settled idle RSS 77.0 and 81.4 MB. The
harness therefore now runs seven alternating rounds of 3 s per comparison and takes the median of
the per-round ratios (each from two runs back to back) instead of the ratio of each side's median
round; the executor comparison alternates 11 rounds the same way. Latency at half saturation comes
from a paced open-loop generator (\`bench/open-loop.ts\`) instead of autocannon's rate mode, which
sends each connection's per-second quota back to back and so measured latency under bursts: with
autocannon the minimal proxy itself "added" 1.4–2.3 ms at p50, paced it adds ~0.5–0.9 ms at 1 KB and
10 KB. Start-up is measured first, on a quiet machine: measured after the load sections (as before),
one build gave a 410 ms median in the harness against ~270–330 ms from a quiet shell (the sections
before it leave hundreds of MB for the kernel to reclaim, the likely cause). Each RSS soak runs on a
fresh engine, so the heap the MCP saturation runs grew is not counted as REST growth. A row near its
threshold can still flip between runs.

## Why the missed targets are missed, and the rows near their threshold

- **Added latency at half saturation, p50 (≤ 0.5 ms).** Measured with evenly paced arrivals,
  Capstan adds 0.56 ms (1 KB), 0.56 ms (10 KB) and 1.47 ms (64 KB) over the direct call in this run;
  the minimal proxy itself adds 0.54, 0.55 and 6.29 ms. One Node hop (a second process woken, an
  HTTP request parsed and written on each side) costs about half a millisecond here, with the load
  generator, the upstream and the engine sharing two cores: the target is below what the ceiling
  baseline reaches on this machine, and Capstan is within 0.02 ms of it (and well below it at 64 KB).
- **Added latency at half saturation, p99 (≤ 3 ms).** Counted from scheduled times, p99 reflects
  the machine's stalls: the direct call alone has a p99 of 11–29 ms in this run, and the runs show
  pauses of 50–150 ms (the minimal proxy's p90 reached 42 ms at 64 KB here and 117 ms at 10 KB in
  an earlier run). A stall delays every request scheduled during it, so these rows measure the VM
  more than the engine. In this run Capstan's p99 is 10–50 ms above the proxy's; in an earlier run
  it was below the proxy's at 10 KB and 64 KB: the spread between runs is larger than the difference.
- **RSS flat over 10,000 abandoned legacy sessions.** 149 → 229 MB. A live session is small (the
  SDK \`Server\` and transport of one session hold ~6 KB, measured with forced collections), and
  the store keeps at most 1,000 per endpoint (least recently used evicted, and closed). The growth
  is garbage from 10,000 \`initialize\` exchanges through the SDK and from evicted sessions, which V8
  collects only when the old generation reaches its limit; measured outside the harness, RSS
  stayed at the same value through 15 s of idleness after the flood. The last raw line of the
  in-process section separates that from a leak: heap used after forced collections is 42.7 MB
  once the store is full and 46.2 MB after the 10,000 sessions (REST calls: 41.8 and 41.5 MB). The
  REST soak (fresh engine, 100,000 calls) is flat within 4% in this run.
- **REST throughput at 1 KB** (73% in this run; 87%, 85% and 87% in the three runs before it today,
  with the same request path but for changes below the noise). Per-round ratios range from 51% to
  91% within this run: the machine's speed changes within seconds, so a pair of 3 s runs back to
  back can still straddle a slow spell. Per request Capstan does what the proxy does not:
  Host/Origin checks, route matching, the binding plan, secret masking of the response, metrics,
  two spans and a structured access-log line scrubbed for secrets. No single item stands out in
  the profiles; most CPU is Node's HTTP server and undici, which both sides pay. At 10 KB (92% here;
  88%, 67% and 87% before) and 64 KB (114%) the fixed per-request cost weighs less.
- **Seeds start-up** passes (213 ms median in this run; 261, 279 and 296 ms in the three before):
  the first start after a build, with neither cache, took 447 ms.
- **Idle RSS** (70.0 MB after 12 s idle) depends on V8's memory reducer returning the young
  generation start-up grew: the reading 2 s after ready is 82.4 MB. Keeping validation between
  runs halved that young generation (32 → 16 MB).
  \`NODE_OPTIONS=--max-semi-space-size=4\` bounds it for memory-constrained deployments.
`
