/** A pino destination that keeps log lines in memory for assertions. */
import { Writable } from 'node:stream'

export function collectLogs(): {
  stream: Writable & { write: Writable['write'] }
  lines: string[]
} {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      cb()
    },
  })
  return { stream, lines }
}
