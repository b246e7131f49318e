import { DEMO_IDS, SANDBOX_CREDENTIALS } from '../demo-ids.js'
import type { Emulator, EmulatorDeps, IncomingCall } from '../emulator.js'
import { header, isUuid, matchRoute, runHandler, type Reply } from '../http.js'
import type { ScwPrincipal } from './access.js'
import { deniedAuthentication, invalidArgument, scwError } from './errors.js'
import { secretRoutes } from './secrets.js'
import { REGIONS } from './state.js'
import { versionRoutes } from './versions.js'

const PREFIX = '/secret-manager/'

function authenticate(token: string | undefined): ScwPrincipal | Reply {
  if (!token) return deniedAuthentication('unknown_method', 'invalid_argument')
  if (!isUuid(token)) return deniedAuthentication('api_key', 'invalid_argument')
  if (token !== SANDBOX_CREDENTIALS.SCALEWAY_API_KEY) {
    return deniedAuthentication('api_key', 'not_found')
  }
  return { organizationId: DEMO_IDS.scaleway.organizationId }
}

/** Emulates https://api.scaleway.com/secret-manager/v1beta1 (secrets and their versions). */
export function createScalewayEmulator(deps: EmulatorDeps): Emulator {
  const routes = [...secretRoutes(deps), ...versionRoutes(deps)]
  return {
    name: 'scaleway',
    owns: (path) => path.startsWith(PREFIX),
    handle(call: IncomingCall): Reply {
      const match = matchRoute(routes, call.method, call.path)
      if (match.kind === 'not-found') {
        return scwError(404, { message: `unknown route ${call.path}`, type: 'not_found' })
      }
      if (match.kind === 'method-not-allowed') {
        return scwError(405, {
          message: `method ${call.method} not allowed`,
          type: 'invalid_request',
        })
      }
      const principal = authenticate(header(call.headers, 'x-auth-token'))
      if ('status' in principal) return principal
      const region = match.params.region as string
      if (!(REGIONS as readonly string[]).includes(region)) {
        return invalidArgument(
          'region',
          'constraint',
          `region must be one of ${REGIONS.join(', ')}`,
        )
      }
      if (call.bodyInvalid)
        return invalidArgument('body', 'format', 'request body is not valid JSON')
      const req = { ...call, params: match.params, principal }
      return runHandler(() => match.route.handler(req))
    },
  }
}
