// The transport requires undici's own files for the two parts it uses: undici's index also loads
// fetch, WebSocket, EventSource, caches and mocks (~13 ms of every start). Types are the index's.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici'
  export default Agent
}

declare module 'undici/lib/core/errors.js' {
  import { errors } from 'undici'
  export = errors
}
