/**
 * Load generator child process: runs one autocannon pass described by argv[2] (JSON) and prints
 * one JSON line with throughput and sub-millisecond latency percentiles of the 2xx responses.
 */
import autocannon from 'autocannon'
import { summarize } from './load-result.js'

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

export type { LoadResult } from './load-result.js'

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
    const out = summarize(samples, (performance.now() - started) / 1000, {
      total: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    })
    process.stdout.write(`${JSON.stringify(out)}\n`)
  },
)
instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  if (status >= 200 && status < 300) samples.push(ms)
})
