import type { AuthScheme } from './types.js'
import { credential, setHeader, stringOption } from './credential.js'
import { EngineError } from '../../errors.js'

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** `apikey`: `key: value` as a header (default) or `key=value` in the query (URL-encoded). */
export const apiKeyAuth: AuthScheme = {
  async apply(request, ctx) {
    const key = credential(ctx, 'key')
    const value = credential(ctx, 'value')
    const placement = stringOption(ctx, 'placement', 'header')
    if (placement === 'query') {
      request.url.searchParams.set(key, value)
      return
    }
    if (placement !== 'header') {
      throw new EngineError(
        'UPSTREAM_AUTH',
        `apikey placement for upstream ${ctx.stateKey} must be header or query`,
      )
    }
    if (!TOKEN.test(key)) {
      throw new EngineError(
        'UPSTREAM_AUTH',
        `apikey key for upstream ${ctx.stateKey} is not a valid header name`,
      )
    }
    setHeader(request.headers, key, value)
  },
}
