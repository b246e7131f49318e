/** Starts an engine on one capability given as YAML text (written to a fresh temp dir). */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEngine, type Engine, type EngineOptions } from '../../src/cli/start-engine.js'

export function engineFor(
  yaml: string,
  options: Omit<EngineOptions, 'paths' | 'cwd'>,
): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-test-'))
  writeFileSync(join(dir, 'cap.yaml'), yaml)
  return startEngine({ ...options, paths: [join(dir, 'cap.yaml')], cwd: dir })
}
