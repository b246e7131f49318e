import { DEMO_IDS } from '../demo-ids.js'
import type { Emulator, EmulatorDeps, IncomingCall } from '../emulator.js'
import { matchRoute, runHandler, type Reply } from '../http.js'
import { apiTokenRoutes } from './api-tokens.js'
import { authenticate } from './auth.js'
import { qoveryError } from './errors.js'
import { secretRoutes } from './secrets.js'

const PREFIXES = ['/container/', '/job/', '/environment/', '/project/', '/organization/']

/** Emulates https://api.qovery.com: container, job, environment and project secrets, API tokens. */
export function createQoveryEmulator(deps: EmulatorDeps): Emulator {
  const routes = [...secretRoutes(deps), ...apiTokenRoutes(deps)]
  return {
    name: 'qovery',
    owns: (path) => PREFIXES.some((p) => path.startsWith(p)),
    handle(call: IncomingCall): Reply {
      const match = matchRoute(routes, call.method, call.path)
      if (match.kind === 'not-found') return qoveryError(404, `no route for ${call.path}`)
      if (match.kind === 'method-not-allowed') {
        return qoveryError(405, `method ${call.method} is not allowed on ${call.path}`)
      }
      const principal = authenticate(
        call.headers,
        deps.state().qovery,
        DEMO_IDS.qovery.organizationId,
      )
      if (!principal) return qoveryError(401, 'Access token is missing or invalid')
      if (call.bodyInvalid) return qoveryError(400, 'request body is not valid JSON')
      const req = { ...call, params: match.params, principal }
      return runHandler(() => match.route.handler(req))
    },
  }
}
