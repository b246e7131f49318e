export {
  createUndiciTransport,
  DEFAULT_TRANSPORT_OPTIONS,
  type SizedUpstreamRequest,
} from './create-undici-transport.js'
export { readBody } from './read-body.js'
export { streamBody } from './stream-body.js'
export { mapTransportError } from './map-transport-error.js'
