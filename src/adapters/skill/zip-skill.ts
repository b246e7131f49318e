/** A skill's files as a streamed zip archive (deflated, ZIP64 where needed), read one file at a time. */
import { createRequire } from 'node:module'
import type { Readable } from 'node:stream'
import type { ZipFile } from 'yazl'
import type { SkillFile } from './skill-files.js'

/** The archive stream; it emits 'error' when a file cannot be read or changed size while read. */
export function zipSkill(files: readonly SkillFile[]): Readable {
  // loaded on the first download, not at every start (the bundle leaves it outside)
  const yazl = createRequire(import.meta.url)('yazl') as { ZipFile: new () => ZipFile }
  const zip = new yazl.ZipFile()
  for (const file of files)
    zip.addFile(file.real, file.path, { mtime: file.mtime, mode: 0o100644, compress: true })
  zip.end()
  const out = zip.outputStream as Readable
  // yazl reports read failures on the ZipFile, not on its output stream
  zip.on('error', (error: Error) => out.destroy(error))
  return out
}
