import type { AuthScheme } from './types.js'
import { credential, setHeader } from './credential.js'

/** `bearer`: `Authorization: Bearer <token>`. */
export const bearerAuth: AuthScheme = {
  async apply(request, ctx) {
    setHeader(request.headers, 'authorization', `Bearer ${credential(ctx, 'token')}`)
  },
}
