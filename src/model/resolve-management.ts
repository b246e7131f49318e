/** `management.health` and `management.info` of a capability's control expose, when set. */
import { controlBlock } from './control-block.js'

export function resolveManagement(
  exposes: unknown,
): { health?: boolean; info?: boolean } | undefined {
  const block = controlBlock(exposes, ['management'])
  if (block === undefined) return undefined
  const { health, info } = block.spec
  return {
    ...(typeof health === 'boolean' ? { health } : {}),
    ...(typeof info === 'boolean' ? { info } : {}),
  }
}
