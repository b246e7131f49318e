/** How measurements are written in BENCHMARKS.md: rates, percentages, milliseconds, megabytes. */
import type { LoadResult } from './load.js'

export function line(label: string, r: LoadResult): string {
  return `${label}: ${fmt(r.rps)} req/s, ${fmt(r.total)} requests, p50 ${ms(r.p50)}, p90 ${ms(r.p90)}, p99 ${ms(r.p99)}, mean ${ms(r.mean)}, errors ${r.errors}, non-2xx ${r.non2xx}`
}
export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
}
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}
export function pct(r: number): string {
  return `${(r * 100).toFixed(0)}%`
}
export function ms(n: number): string {
  return `${n.toFixed(2)} ms`
}
export function mb(n: number): string {
  return `${n.toFixed(1)} MB`
}
