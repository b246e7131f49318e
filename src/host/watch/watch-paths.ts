/** Watches capability files and folders and calls back once per burst of changes (debounced). */
import type { FSWatcher, WatchOptions } from 'node:fs'
import { resolve } from 'node:path'

export type WatchFn = (
  path: string,
  options: WatchOptions,
  listener: (event: string, file: string | null) => void,
) => FSWatcher

export function watchPaths(
  paths: readonly string[],
  cwd: string,
  watch: WatchFn,
  onChange: () => void,
  debounceMs = 150,
): { close(): void } {
  let timer: NodeJS.Timeout | undefined
  const fire = () => {
    clearTimeout(timer)
    timer = setTimeout(onChange, debounceMs)
  }
  const watchers = paths.map((p) =>
    watch(resolve(cwd, p), { recursive: true, persistent: false }, fire),
  )
  return {
    close() {
      clearTimeout(timer)
      for (const w of watchers) w.close()
    },
  }
}
