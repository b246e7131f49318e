/** `type: basic`: RFC 7617 username and password rendered from binds. */
import { renderExpected } from './render-expected.js'
import { safeEqual } from './safe-equal.js'
import { REALM, unauthorized, type InboundAuthFactory } from './types.js'

const CHALLENGE = `Basic realm="${REALM}", charset="UTF-8"`

export const basic: InboundAuthFactory = (auth, deps) => {
  const username = renderExpected(auth.fields.username, deps.context)
  const password = renderExpected(auth.fields.password, deps.context)
  if (username === undefined || password === undefined)
    return { problem: 'the username or password is empty or names an unset variable' }
  return {
    type: 'basic',
    authenticate(req) {
      const header = req.headers.authorization
      const match =
        typeof header === 'string' ? /^Basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(header) : null
      if (!match) return unauthorized('Basic credentials are required.', CHALLENGE)
      const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      const user = colon < 0 ? decoded : decoded.slice(0, colon)
      const pass = colon < 0 ? '' : decoded.slice(colon + 1)
      // Both comparisons always run so timing does not reveal which part was wrong.
      const userOk = safeEqual(user, username)
      const passOk = safeEqual(pass, password)
      if (!(userOk && passOk))
        return unauthorized('The username or password is not valid.', CHALLENGE)
      return { ok: true, principal: `basic:${username}` }
    },
  }
}
