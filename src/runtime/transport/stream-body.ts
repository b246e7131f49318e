import type { Readable } from 'node:stream'
import type { UpstreamBody } from '../types.js'
import { readBody } from './read-body.js'

/** An UpstreamBody over any Readable: for transports that already have a stream (fetch, tests). */
export function streamBody(source: Readable): UpstreamBody {
  return {
    bytes: (maxBytes, options) => readBody(source, maxBytes, options),
    parts: async (maxBytes, options) => [await readBody(source, maxBytes, options)],
    stream: () => source,
    discard: () => void source.resume(),
  }
}
