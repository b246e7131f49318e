/**
 * Load generator child process: runs one autocannon pass described by argv[2] (JSON) and prints
 * one JSON line with throughput and sub-millisecond latency percentiles of the 2xx responses.
 */
import autocannon from 'autocannon'

export interface LoadSpec {
  readonly url: string
  readonly method?: 'GET' | 'POST'
  readonly headers?: Record<string, string>
  readonly body?: string
  readonly connections: number
  readonly duration?: number
  readonly amount?: number
  readonly overallRate?: number
  readonly idReplacement?: boolean
}

export interface LoadResult {
  readonly rps: number
  readonly total: number
  readonly errors: number
  readonly non2xx: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly mean: number
  readonly seconds: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec
const samples: number[] = []
const started = performance.now()
const instance = autocannon(
  {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 5 }),
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    idReplacement: spec.idReplacement ?? false,
    timeout: 10,
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`${String(error)}\n`)
      process.exit(1)
    }
    const seconds = (performance.now() - started) / 1000
    samples.sort((a, b) => a - b)
    const at = (q: number): number =>
      samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0
    const ok = samples.length
    const out: LoadResult = {
      rps: ok / seconds,
      total: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      mean: ok ? samples.reduce((a, b) => a + b, 0) / ok : 0,
      seconds,
    }
    process.stdout.write(`${JSON.stringify(out)}\n`)
  },
)
instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  if (status >= 200 && status < 300) samples.push(ms)
})
