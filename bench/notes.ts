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
  The first start after an install or upgrade has no cache yet and takes ~450–500 ms; the start-up
  row measures later starts (the earlier sections' runs have written the cache).
- Effect: the in-process loader on 1,000 files went from ~3.0 s to ~0.6–1.0 s; \`capstan run\` on
  1,000 files from more than 30 s (first session) to the figure above; the four seeds from
  ~0.8–1.3 s to the figure above.

**Request path** (REST 1 KB throughput was 38% of the minimal proxy, MCP 2025-11-25 66% of the
bare SDK server before these changes)
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
- Log objects were scrubbed for secret values twice; now once, in one pass per record with one
  list of secret values, copying an object only where a value changed (before, every field of the
  access-log line was rebuilt and the secret sets were listed once per string).
- Legacy (2025-11-25) MCP sessions answer \`tools/call\` with a JSON body instead of an SSE stream
  (\`enableJsonResponse\`): Capstan sends no mid-call notifications, so nothing is lost.
- Response masking prepared its secret patterns (a \`Set\`, one \`Buffer\` per secret) for every
  REST response and copied each body chunk twice; the patterns are now prepared once per set of
  bound values. Spans no longer spread attribute objects or run a capturing regex on the
  traceparent twice per request; REST route shapes are computed once. (Each of these is a few
  microseconds; none is visible above this machine's run-to-run noise on its own.)

**Measuring on this machine.** Two full runs on the same day and code differ by more than most of
these changes: the bare SDK server measured 1,316 and 1,984 calls/s, the minimal proxy at 10 KB
5,426 and 7,151 req/s, invoke's overhead +11% and +18%, settled idle RSS 77.0 and 81.4 MB. Ratios
from alternating rounds absorb part of it, not all; a row near its threshold can flip between runs.

## Why the missed targets are missed

- **REST throughput vs the minimal proxy** (met for 10 KB and 64 KB bodies in this run; missed for
  1 KB, where per-request work dominates; the 1 KB ratio was 65–88% across today's runs). Per
  request, Capstan does what the proxy does not: Host/Origin checks, route matching, the binding
  plan, secret masking of the response, metrics, two spans and a structured access-log line
  scrubbed for secrets. The reference pair in the raw numbers (the same Capstan with
  \`--log-level warn\`, 113% of the proxy) is not evidence that the access log is the cost: its
  proxy rounds ran slower than the main pair's, and an interleaved A/B of one build with and
  without the access log (7 rounds of 4 s, outside the harness) gave 6,628 and 6,679 req/s. Batching
  the log writes (4 KB buffer, 100 ms flush) made no difference either, so lines are still
  written at once. No single item stands out in the profiles; most CPU is Node's HTTP server and
  undici, which both sides pay.
- **Added latency at half saturation.** On this 2-core VM even the minimal proxy adds
  milliseconds at p50 over the direct call (shown in each row): every extra process hop pays a
  scheduler wake-up, and autocannon shares the two cores. Capstan's latency is compared with the
  proxy's in the same rows; the absolute 0.5 ms / 3 ms targets are below what one extra hop costs
  here.
- **MCP calls/s vs the bare SDK server.** The bare server's tool handler forwards the upstream
  text; Capstan validates the arguments against the tool's schema, runs the binding plan, parses
  the upstream JSON for \`structuredContent\` and re-serialises it compactly (agents pay per token),
  records metrics, a server and a client span and an access-log line, and goes through the
  Host/Origin and auth wrapper. Most of the remaining CPU is the SDK itself (zod validation of every
  message, web \`Request\`/\`Response\` and \`AbortSignal\` objects per call), which both sides pay; the
  absolute 1,500 calls/s sits at this machine's floor for the SDK: the bare server itself measured
  1,316–2,318 calls/s across today's and earlier runs. The SDK constructs an \`Error\` (with its
  stack trace) each time it closes a stateless exchange, ~10% of its CPU in the profile, on both
  sides.
- **Start-up with the four seeds (≤ 300 ms).** ~700 ms at the start of this session, now
  ~250–480 ms between starts and runs (the five starts of this run are in the raw numbers; quiet
  measurements outside the harness give a median near 300 ms). What is left after the bundle, the
  code cache and lazy positions: Node's own start (~60 ms), deserialising the cached code (~30 ms),
  young-generation collections while the engine's objects are built (~45 ms), and validating the
  seeds against the official schema, where every tolerated deviation is explained (~60 ms). The
  next steps would be a V8 start-up snapshot of the loaded modules, or caching the validation
  diagnostics of unchanged files.
- **Memory under load.** The flatness rows read RSS, which follows V8's heap sizing: the heap
  grows under load and gives pages back only after idle-time collections, so settled readings
  still move by tens of MB either way between runs. The last raw line of the in-process section
  is the check that separates that from a leak: heap used after forced collections
  (\`--expose-gc\`) once the session store is full (1,000 per endpoint, least recently used
  evicted) and after the same number of REST calls. It stays flat within a few MB.
- **Idle RSS (≤ 80 MB).** Measured once the engine has been idle 12 s: 77.0 MB and 81.4 MB in two
  runs today (~120 MB before this session's bundle and lazy positions). A bare \`node\` process is
  ~40 MB here, undici ~20 MB, the MCP SDK with zod ~13 MB. Right after start-up V8's young
  generation still holds up to 32 MB (the reading 2 s after ready); V8 returns it only when its
  memory reducer runs, which needs a major collection after start-up and so varies between runs.
  \`NODE_OPTIONS=--max-semi-space-size=4\` bounds it for memory-constrained deployments.
- **Executor overhead (issue 3, within 15%).** +17.8% in this run; +5% and +11.4% in the two
  previous full runs. The in-process path it measures (\`invoke\` with the undici transport, no
  telemetry, no logger) did not change between those runs: the row is within this machine's
  run-to-run variation of its threshold.
`
