/** A block of the first control expose that declares it (management, management.scripting, observability). */
import { asArray, isRecord, ptr } from './resolve-context.js'

export function controlBlock(
  exposes: unknown,
  path: readonly string[],
): { readonly spec: Record<string, unknown>; readonly pointer: string } | undefined {
  const list = asArray(exposes)
  for (let i = 0; i < list.length; i++) {
    const raw = list[i]
    if (!isRecord(raw) || raw.type !== 'control') continue
    let spec: unknown = raw
    for (const key of path) spec = isRecord(spec) ? spec[key] : undefined
    if (isRecord(spec)) return { spec, pointer: ptr('/capability/exposes', i, ...path) }
  }
  return undefined
}
