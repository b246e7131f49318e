/** Writes a capability given as YAML text to a fresh temp dir; returns the dir and the file. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function writeCapability(yaml: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-test-'))
  const file = join(dir, 'cap.yaml')
  writeFileSync(file, yaml)
  return { dir, file }
}
