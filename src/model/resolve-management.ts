/** `management.health` and `management.info` of a capability's control expose, when set. */
import { asArray, isRecord } from './resolve-context.js'

export function resolveManagement(
  exposes: unknown,
): { health?: boolean; info?: boolean } | undefined {
  for (const raw of asArray(exposes)) {
    if (!isRecord(raw) || raw.type !== 'control' || !isRecord(raw.management)) continue
    const { health, info } = raw.management
    return {
      ...(typeof health === 'boolean' ? { health } : {}),
      ...(typeof info === 'boolean' ? { info } : {}),
    }
  }
  return undefined
}
