/** What a command may touch: injected so commands are plain testable functions. */
import type { ParseCache } from '../spec/parse-cache.js'
import type { ValidationCache } from '../spec/validation-cache.js'
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** Registers a SIGINT/SIGTERM handler; returns a function that removes it. */
  readonly onSignal: (handler: (signal: string) => void) => () => void
  readonly stdin?: NodeJS.ReadableStream
  readonly stdoutStream?: NodeJS.WritableStream
  /** Node's own command-line flags (process.execArgv). */
  readonly execArgv?: readonly string[]
  /** Sets V8 flags in this process (v8.setFlagsFromString); `run` tunes the heap with it. */
  readonly setV8Flags?: (flags: string) => void
  /** Structural diagnostics kept between runs (bin/capstan.js gives the on-disk one). */
  readonly validationCache?: ValidationCache
  /** Parsed capability files kept between runs (bin/capstan.js gives the on-disk one). */
  readonly parseCache?: ParseCache
}

export type Command = (args: string[], io: CliIo) => Promise<number>

export const EXIT_OK = 0
export const EXIT_ERRORS = 1
export const EXIT_USAGE = 2
export const EXIT_RUNTIME = 3
