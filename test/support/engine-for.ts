/** Starts an engine on one capability given as YAML text (written to a fresh temp dir). */
import { startEngine, type Engine, type EngineOptions } from '../../src/cli/start-engine.js'
import { writeCapability } from './write-capability.js'

export function engineFor(
  yaml: string,
  options: Omit<EngineOptions, 'paths' | 'cwd'>,
): Promise<Engine> {
  const { dir, file } = writeCapability(yaml)
  return startEngine({ ...options, paths: [file], cwd: dir })
}
