/** `type: bearer`: a static token rendered from binds, sent as `Authorization: Bearer <token>`. */
import { renderExpected } from './render-expected.js'
import { fingerprint, safeEqual } from './safe-equal.js'
import { REALM, unauthorized, type InboundAuthFactory } from './types.js'

const CHALLENGE = `Bearer realm="${REALM}"`

export const bearer: InboundAuthFactory = (auth, deps) => {
  const expected = renderExpected(auth.fields.token, deps.context)
  if (expected === undefined)
    return { problem: 'the bearer token is empty or names an unset variable' }
  return {
    type: 'bearer',
    authenticate(req) {
      const header = req.headers.authorization
      const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null
      if (!match) return unauthorized('A bearer token is required.', CHALLENGE)
      if (!safeEqual(match[1]!, expected))
        return unauthorized('The bearer token is not valid.', `${CHALLENGE}, error="invalid_token"`)
      return { ok: true, principal: `bearer:${fingerprint(expected)}` }
    },
  }
}
