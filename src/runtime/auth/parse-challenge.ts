/** One `WWW-Authenticate` challenge: scheme (lower case) and auth-params (names lower case). */
export interface Challenge {
  readonly scheme: string
  readonly params: Readonly<Record<string, string>>
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"
const SCHEME = new RegExp(`^(${TOKEN})(?:\\s+|$)`)
const PARAM = new RegExp(`^(${TOKEN})\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN}))\\s*`)

/**
 * Parses a WWW-Authenticate value that may hold several challenges separated by commas
 * (RFC 9110 §11.6.1), e.g. `Digest realm="a", nonce="b", Basic realm="c"`.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = []
  let rest = header.trim()
  while (rest !== '') {
    rest = rest.replace(/^[\s,]+/, '')
    const param = PARAM.exec(rest)
    const current = challenges[challenges.length - 1]
    if (param !== null && current !== undefined) {
      const name = (param[1] ?? '').toLowerCase()
      current.params[name] =
        param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '')
      rest = rest.slice(param[0].length)
      continue
    }
    const scheme = SCHEME.exec(rest)
    if (scheme === null) break
    challenges.push({ scheme: (scheme[1] ?? '').toLowerCase(), params: {} })
    rest = rest.slice(scheme[0].length)
    // token68 form (e.g. `Negotiate abc==`): skip it, it carries no params we use.
    const token68 = /^[A-Za-z0-9._~+/-]+=*\s*(?=,|$)/.exec(rest)
    if (token68 !== null && !PARAM.test(rest)) rest = rest.slice(token68[0].length)
  }
  return challenges
}
