/** Loads one capability given as YAML text, as `capstan validate` would load its file. */
import { loadCapabilities } from '../../src/model/load-capabilities.js'
import { writeCapability } from './write-capability.js'

export function loadCapabilityText(yaml: string): ReturnType<typeof loadCapabilities> {
  const { dir, file } = writeCapability(yaml)
  return loadCapabilities([file], { cwd: dir })
}
