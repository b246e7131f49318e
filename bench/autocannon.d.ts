/** Minimal typing for the parts of autocannon the load generator uses (it ships no types). */
declare module 'autocannon' {
  interface Result {
    requests: { total: number; average: number }
    errors: number
    timeouts: number
    non2xx: number
  }
  interface Instance {
    on(
      event: 'response',
      listener: (client: unknown, status: number, bytes: number, ms: number) => void,
    ): void
  }
  function autocannon(
    options: Record<string, unknown>,
    done: (error: Error | null, result: Result) => void,
  ): Instance
  export default autocannon
}
