/** What the sections need from the orchestrator: the upstream's address and the progress log. */
export interface BenchContext {
  readonly upstream: string
  readonly log: (line: string) => void
}
