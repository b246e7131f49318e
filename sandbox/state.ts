import { seedQovery } from './qovery/seed.js'
import type { QoveryState } from './qovery/state.js'
import { seedScaleway } from './scaleway/seed.js'
import type { ScalewayState } from './scaleway/state.js'

export const STATE_FORMAT = 'capstan-sandbox-state/1'

export interface SandboxState {
  format: typeof STATE_FORMAT
  qovery: QoveryState
  scaleway: ScalewayState
}

export function seedState(): SandboxState {
  return { format: STATE_FORMAT, qovery: seedQovery(), scaleway: seedScaleway() }
}

/** Accepts a previously saved state, or explains why it cannot. */
export function parseSavedState(value: unknown): SandboxState | string {
  if (typeof value !== 'object' || value === null) return 'the file does not hold a JSON object'
  const v = value as Partial<SandboxState>
  if (v.format !== STATE_FORMAT) {
    return `unsupported format ${JSON.stringify(v.format)} (expected ${STATE_FORMAT})`
  }
  if (typeof v.qovery !== 'object' || typeof v.scaleway !== 'object') {
    return 'the qovery or scaleway section is missing'
  }
  return v as SandboxState
}
