/**
 * How far V8's old generation may grow past what survived the last full collection before it
 * collects again. V8's own factor goes up to 4×, so an engine's resident memory climbs in long
 * saw teeth (120 → 160 MB over ~150,000 REST calls with a flat live heap); 20% keeps resident memory
 * within a few percent of the live heap for a few percent more collector CPU.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 20
export const HEAP_GROWTH_VARIABLE = 'CAPSTAN_HEAP_GROWTH_PERCENT'

export type HeapGrowth =
  | { readonly kind: 'set'; readonly flag: string }
  | { readonly kind: 'v8-default' }
  | { readonly kind: 'invalid'; readonly message: string }

/** The V8 flag for a setting of CAPSTAN_HEAP_GROWTH_PERCENT (unset: the default; 0: V8's own). */
export function heapGrowthFlag(setting: string | undefined): HeapGrowth {
  const text = setting === undefined || setting.trim() === '' ? undefined : setting.trim()
  const percent = text === undefined ? DEFAULT_HEAP_GROWTH_PERCENT : Number(text)
  if (!Number.isInteger(percent) || percent < 0 || percent > 1000) {
    return {
      kind: 'invalid',
      message: `capstan: ${HEAP_GROWTH_VARIABLE}=${setting} is not a whole number from 0 to 1000; unset it for ${DEFAULT_HEAP_GROWTH_PERCENT}, or set 0 to leave heap growth to V8\n`,
    }
  }
  return percent === 0
    ? { kind: 'v8-default' }
    : { kind: 'set', flag: `--heap-growing-percent=${percent}` }
}
