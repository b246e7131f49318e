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
  seeds' ~400 inference diagnostics, which \`capstan run\` never prints.
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

## Why the missed targets are missed

- **REST throughput vs the minimal proxy** (met for 64 KB bodies, where both sides are bound by
  moving bytes; missed for 1 KB and 10 KB, where per-request work dominates). Per request,
  Capstan does what the proxy does not: Host/Origin checks, route matching on the raw path, input extraction and validation, the binding
  plan, metrics (request and upstream counters and histograms), a server and a client span, and a
  structured access-log line scrubbed for secrets. In the profiles that work is now a small part;
  most CPU is Node's HTTP server and undici, which both sides pay. Turning metrics, spans or the
  access log off is not offered, so the figure is what an operator gets.
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
  absolute 1,500 calls/s is met, but close to this machine's floor for the SDK.
- **Start-up with the four seeds (≤ 300 ms).** Importing undici (~100 ms) and the MCP SDK with zod
  (~145 ms) alone take most of the budget before any capability is read; reading the seeds costs
  ~100–200 ms more because they fail the official schema on tolerated deviations and every
  deviation is explained and located (the ~400 diagnostics \`capstan validate\` prints). Bundling
  the dist into one file or a V8 startup snapshot would be the next steps.
- **Memory under load.** The flatness rows read RSS, which follows V8's heap sizing: the heap
  grows under load and gives pages back only after idle-time collections, so settled readings
  still move by tens of MB either way between runs. The last raw line of the in-process section
  is the check that separates that from a leak: heap used after forced collections
  (\`--expose-gc\`) once the session store is full (1,000 per endpoint, least recently used
  evicted) and after the same number of REST calls. It stays flat within a few MB.
- **Idle RSS (≤ 80 MB).** A bare \`node\` process is ~40 MB here; importing undici adds ~20 MB
  (its WebAssembly HTTP parser and the fetch/web-streams stack), the MCP SDK with zod ~13 MB, and
  V8's young generation reserves up to 32 MB once the load is warm. \`NODE_OPTIONS=--max-semi-space-size=4\`
  brings an idle engine with the seeds from ~124 MB to ~101 MB for memory-constrained deployments,
  at some throughput cost (more frequent scavenges).
`
