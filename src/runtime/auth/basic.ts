import type { AuthScheme } from './types.js'
import { base64Utf8, credential, setHeader } from './credential.js'
import { EngineError } from '../../errors.js'

/** `basic`: RFC 7617 with UTF-8 credentials; an undeclared password is empty. */
export const basicAuth: AuthScheme = {
  async apply(request, ctx) {
    const username = credential(ctx, 'username')
    if (username.includes(':')) {
      throw new EngineError(
        'UPSTREAM_AUTH',
        `Credential username for upstream ${ctx.stateKey} contains ':', which basic authentication cannot carry`,
      )
    }
    setHeader(
      request.headers,
      'authorization',
      `Basic ${base64Utf8(`${username}:${credential(ctx, 'password', '')}`)}`,
    )
  },
}
