/** Decodes an upstream body per the operation's outputRawFormat with a decoder prepared once. */
import type { ConsumedOperation } from '../model/types.js'
import { compileDecoder, type Decoder } from './formats/index.js'
import type { RuntimeDeps } from './types.js'

export function decodeBody(
  target: ConsumedOperation,
  bytes: Uint8Array,
  deps: RuntimeDeps,
): unknown {
  let decoder = deps.decoders.get(target)
  if (!decoder) {
    decoder = compileDecoder(target.rawFormat, {
      outputSchema: target.outputSchema,
      ...deps.decoderOptions,
    })
    deps.decoders.set(target, decoder)
  }
  return decoder(bytes)
}

export type { Decoder }
