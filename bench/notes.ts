/** What was changed to meet the targets, and why a missed target is missed (kept by hand). */
export const NOTES = `## What was changed, and why targets are missed

- **Spec validation at start-up** (commit "spec: Ajv standalone validators…"): valid documents are
  now checked by Ajv standalone code generated ahead of time (\`src/spec/generated/\`, regenerated
  by \`npx tsx src/spec/write-standalone-validators.ts\`, kept in step by a test); Ajv compiles a
  schema only to explain an invalid document, so diagnostics are unchanged. Loading the four seeds
  in a fresh process went from 957 ms to 396 ms. The seeds still fail the *official* alpha2 schema
  on tolerated deviations (compat profile), which compiles that schema with \`allErrors\` at
  start-up: this is the remaining cost behind the seeds start-up miss. Next step: generate the
  official schemas' \`allErrors\`/\`verbose\` validators as standalone code too, or compute the
  tolerated deviations without the official error list.
- **200 MB passthrough**: the undici transport refuses upstream bodies over
  \`maxResponseBytes\` (50 MiB by default, \`src/runtime/transport/create-undici-transport.ts\`), a
  deliberate safety limit, so the 200 MB transfer is cut (ECONNRESET) rather than streamed. The
  memory target cannot be met until streamed passthrough responses are exempted from that limit
  (or the limit is made configurable per operation).
- **Throughput and latency**: no hot-path change landed yet (time-boxed); the figures below are
  the baseline to improve against. The machine is shared with other test runs, so absolute
  figures are noisy; only same-run ratios are meaningful.
- The harness measured the committed HEAD (\`BENCH_CAPSTAN_DIR\`, a clean \`git archive HEAD\`
  export) because the working tree held other engineers' unfinished changes at the time.
`
