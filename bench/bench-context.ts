/** What the sections need from the orchestrator: the upstream's address, the paced generator and the progress log. */
export interface BenchContext {
  readonly upstream: string
  /** The native paced generator's binary, or undefined for bench/open-loop.ts. */
  readonly pacer: string | undefined
  readonly log: (line: string) => void
}
