/**
 * In-process metrics (counters, gauges, histograms) rendered as Prometheus text exposition 0.0.4.
 * Hand-written: the format is small and prom-client would add a dependency with global state.
 */
export type Labels = Readonly<Record<string, string>>

export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

interface HistogramCell {
  readonly labels: Labels
  readonly bounds: readonly number[]
  readonly counts: number[]
  sum: number
  count: number
}

interface Family {
  readonly name: string
  readonly help: string
  readonly type: 'counter' | 'gauge' | 'histogram'
  readonly cells: Map<string, { labels: Labels; value: number } | HistogramCell>
  readonly collect?: () => readonly { labels: Labels; value: number }[]
}

export interface MetricRegistry {
  counter(name: string, help: string): (labels: Labels, by?: number) => void
  histogram(
    name: string,
    help: string,
    buckets?: readonly number[],
  ): (labels: Labels, value: number) => void
  /** A counter kept elsewhere (process CPU time), read when scraped. */
  counterFrom(
    name: string,
    help: string,
    collect: () => readonly { labels: Labels; value: number }[],
  ): void
  /** A gauge read when scraped. */
  gauge(
    name: string,
    help: string,
    collect: () => readonly { labels: Labels; value: number }[],
  ): void
  render(): string
}

export function createMetricRegistry(): MetricRegistry {
  const families: Family[] = []
  // callers reuse label objects per series, so most observations find their key here
  const keys = new WeakMap<Labels, string>()
  const keyOf = (labels: Labels): string => {
    let key = keys.get(labels)
    if (key === undefined) keys.set(labels, (key = labelKey(labels)))
    return key
  }
  const family = (
    name: string,
    help: string,
    type: Family['type'],
    collect?: Family['collect'],
  ): Family => {
    const f: Family = { name, help, type, cells: new Map(), ...(collect ? { collect } : {}) }
    families.push(f)
    return f
  }
  return {
    counter(name, help) {
      const f = family(name, help, 'counter')
      return (labels, by = 1) => {
        const key = keyOf(labels)
        const cell = f.cells.get(key) as { labels: Labels; value: number } | undefined
        if (cell) cell.value += by
        else f.cells.set(key, { labels, value: by })
      }
    },
    histogram(name, help, buckets = DURATION_BUCKETS) {
      const f = family(name, help, 'histogram')
      return (labels, value) => {
        const key = keyOf(labels)
        let cell = f.cells.get(key) as HistogramCell | undefined
        if (!cell)
          f.cells.set(
            key,
            (cell = { labels, bounds: buckets, counts: buckets.map(() => 0), sum: 0, count: 0 }),
          )
        for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]!) cell.counts[i]!++
        cell.sum += value
        cell.count++
      }
    },
    counterFrom(name, help, collect) {
      family(name, help, 'counter', collect)
    },
    gauge(name, help, collect) {
      family(name, help, 'gauge', collect)
    },
    render() {
      const out: string[] = []
      for (const f of families) {
        out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`)
        if (f.collect) {
          for (const { labels, value } of f.collect())
            out.push(`${f.name}${renderLabels(labels)} ${num(value)}`)
          continue
        }
        for (const cell of f.cells.values()) {
          if ('counts' in cell) {
            cell.counts.forEach((c, i) =>
              out.push(
                `${f.name}_bucket${renderLabels({ ...cell.labels, le: num(cell.bounds[i]!) })} ${c}`,
              ),
            )
            out.push(
              `${f.name}_bucket${renderLabels({ ...cell.labels, le: '+Inf' })} ${cell.count}`,
            )
            out.push(`${f.name}_sum${renderLabels(cell.labels)} ${num(cell.sum)}`)
            out.push(`${f.name}_count${renderLabels(cell.labels)} ${cell.count}`)
          } else out.push(`${f.name}${renderLabels(cell.labels)} ${num(cell.value)}`)
        }
      }
      return out.join('\n') + '\n'
    },
  }
}

/** Called on every observation: plain concatenation, keys sorted so label order never matters. */
function labelKey(labels: Labels): string {
  const names = Object.keys(labels)
  if (names.length > 1) names.sort()
  let key = ''
  for (const name of names) key += `${name}\u0000${labels[name]}\u0001`
  return key
}

function renderLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  )
  return parts.length ? `{${parts.join(',')}}` : ''
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e9) / 1e9)
}
