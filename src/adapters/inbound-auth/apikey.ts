/** `type: apikey`: a static key in a header (default) or query parameter named by `key`. */
import { renderExpected } from './render-expected.js'
import { fingerprint, safeEqual } from './safe-equal.js'
import { REALM, unauthorized, type InboundAuthFactory } from './types.js'

export const apikey: InboundAuthFactory = (auth, deps) => {
  const name = renderExpected(auth.fields.key, deps.context)
  const expected = renderExpected(auth.fields.value, deps.context)
  const placement = auth.options.placement ?? 'header'
  if (name === undefined) return { problem: 'the API key name (`key`) is empty' }
  if (expected === undefined)
    return { problem: 'the API key value is empty or names an unset variable' }
  if (placement !== 'header' && placement !== 'query')
    return { problem: `placement must be header or query, got "${String(placement)}"` }
  const challenge = `ApiKey realm="${REALM}", in="${placement}", name="${name}"`
  return {
    type: 'apikey',
    authenticate(req) {
      const raw =
        placement === 'header'
          ? req.headers[name.toLowerCase()]
          : (req.query.get(name) ?? undefined)
      if (typeof raw !== 'string' || raw === '')
        return unauthorized(`An API key is required in the ${placement} "${name}".`, challenge)
      if (!safeEqual(raw, expected)) return unauthorized('The API key is not valid.', challenge)
      return { ok: true, principal: `apikey:${fingerprint(expected)}` }
    },
  }
}
