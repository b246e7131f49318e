import type { AuthScheme } from './types.js'
import { bearerAuth } from './bearer.js'
import { apiKeyAuth } from './apikey.js'
import { basicAuth } from './basic.js'
import { digestAuth } from './digest.js'
import { oauth2Auth } from './oauth2.js'

export type { AuthContext, AuthScheme, MutableRequest, UnauthorizedResponse } from './types.js'

/** Upstream authentication schemes keyed by the format's `authentication.type`. */
export const AUTH_SCHEMES: Readonly<Record<string, AuthScheme>> = {
  bearer: bearerAuth,
  apikey: apiKeyAuth,
  basic: basicAuth,
  digest: digestAuth,
  oauth2: oauth2Auth,
}
