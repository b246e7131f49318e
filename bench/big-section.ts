/** Large passthrough: RSS growth while 200 MB stream through Capstan. */
import { request } from 'node:http'
import type { BenchContext } from './bench-context.js'
import { fmt, mb } from './figures.js'
import { rssMb, type Capstan } from './processes.js'
import type { Section } from './report.js'

export async function bigSection(ctx: BenchContext, capstan: Capstan): Promise<Section> {
  ctx.log('200 MB passthrough')
  const pid = capstan.proc.pid!
  const before = rssMb(pid)
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20)
  const started = performance.now()
  let failure = ''
  const bytes = await new Promise<number>((resolve, reject) => {
    const req = request(`http://127.0.0.1:${capstan.port}/v1/big`, (res) => {
      let n = 0
      res.on('data', (c: Buffer) => (n += c.length))
      res.on('end', () => resolve(n))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  }).catch((error: unknown) => {
    failure = `transfer failed: ${error instanceof Error ? error.message : String(error)}`
    return 0
  })
  clearInterval(timer)
  const seconds = (performance.now() - started) / 1000
  const growth = peak - before
  return {
    title: 'Large passthrough',
    rows: [
      {
        target: 'RSS growth during a 200 MB passthrough < 64 MB',
        value: `${failure ? `${failure}; ` : ''}${mb(growth)} (${mb(before)} → peak ${mb(peak)})`,
        ratio: '',
        pass: growth < 64 && bytes >= 200 * 1024 * 1024 - 64 * 1024,
      },
    ],
    raw: [
      `200 MB passthrough: ${failure ? `${failure}; ` : ''}${fmt(bytes)} bytes in ${seconds.toFixed(2)} s (${fmt(bytes / 1048576 / seconds)} MB/s); RSS sampled every 20 ms`,
    ],
  }
}
