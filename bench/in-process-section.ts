/** In-process micro-benchmarks: the loader and the executor's per-call overhead. */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import type { BenchContext } from './bench-context.js'
import { ms, pct } from './figures.js'
import { generateFiles } from './generate-files.js'
import { ROOT } from './processes.js'
import type { Section } from './report.js'
import { CAPABILITY, QUICK } from './settings.js'

async function inProcess(spec: object): Promise<Record<string, number>> {
  const proc = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/in-process.ts', JSON.stringify(spec)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve))
  if (code !== 0) throw new Error(`in-process bench failed: ${JSON.stringify(spec)}`)
  return JSON.parse(out.trim()) as Record<string, number>
}

export async function inProcessSection(ctx: BenchContext): Promise<Section> {
  ctx.log('loader: 1,000 files (in-process)')
  const dir = generateFiles(1000)
  let loader: Record<string, number>
  try {
    loader = await inProcess({ mode: 'loader', paths: [dir], repeats: QUICK ? 2 : 3 })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  ctx.log('heap after forced GC: abandoned sessions and REST calls (in-process)')
  const heap = await inProcess({
    mode: 'heap',
    paths: [CAPABILITY],
    upstream: ctx.upstream,
    calls: QUICK ? 2000 : 10000,
  })
  ctx.log('executor: invoke vs bare undici (in-process)')
  const exec = await inProcess({
    mode: 'invoke',
    paths: [CAPABILITY],
    upstream: ctx.upstream,
    calls: QUICK ? 3000 : 10000,
  })
  const overhead = exec.overhead!
  return {
    title: 'In-process micro-benchmarks',
    rows: [
      {
        target: 'Loader: 1,000 capability files < 2 s (issue 2)',
        value: `${ms(loader.firstMs!)} first load (best ${ms(loader.bestMs!)})`,
        ratio: pct(loader.firstMs! / 2000),
        pass: loader.firstMs! < 2000,
      },
      {
        target: 'Executor: invoke per-call overhead within 15% of bare undici (issue 3)',
        value: `${exec.invokeUs!.toFixed(0)} µs vs ${exec.bareUs!.toFixed(0)} µs per call`,
        ratio: `${overhead >= 0 ? '+' : ''}${(overhead * 100).toFixed(1)}%`,
        pass: overhead <= 0.15,
      },
    ],
    raw: [
      `loader: ${JSON.stringify(loader)}`,
      `executor (sequential calls, median of 11 alternating rounds; overhead = median per-round ratio): ${JSON.stringify(exec)}`,
      `heap used after forced GC, MB (supports the memory rows; not a target): ${JSON.stringify(heap)}`,
    ],
  }
}
