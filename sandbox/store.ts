import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** Thrown when a --data file exists but cannot be used; the message names the file. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError'
}

/** Reads a JSON state file; undefined when it does not exist yet. */
export function loadStateFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new DataFileError(`cannot read data file ${file}: ${(err as Error).message}`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new DataFileError(
      `data file ${file} is not valid JSON; delete it to start again from the demo data`,
    )
  }
}

/**
 * Writes state so a crash leaves either the old or the new file, never a torn one:
 * temp file in the same directory, fsync, rename over the target, fsync the directory.
 */
export function saveStateFile(file: string, state: unknown, tempSuffix: string): void {
  const dir = dirname(file)
  const temp = join(dir, `.${basename(file)}.${tempSuffix}.tmp`)
  const data = JSON.stringify(state, null, 2) + '\n'
  let fd: number | undefined
  try {
    fd = openSync(temp, 'w', 0o600)
    writeSync(fd, data)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, file)
  } catch (err) {
    if (fd !== undefined) closeSync(fd)
    rmSync(temp, { force: true })
    throw new DataFileError(`cannot write data file ${file}: ${(err as Error).message}`)
  }
  syncDirectory(dir)
}

function syncDirectory(dir: string): void {
  // Directory fsync makes the rename durable; some platforms refuse it, which is harmless.
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    /* best effort */
  }
}
