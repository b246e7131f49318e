import { describe, it, expect } from 'vitest'
import { parseChallenges } from './parse-challenge.js'

describe('parseChallenges', () => {
  it('splits several challenges and unquotes parameters', () => {
    expect(
      parseChallenges(
        'Basic realm="simple", Digest realm="a, b", qop="auth,auth-int", nonce=abc, opaque="x\\"y"',
      ),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'simple' } },
      {
        scheme: 'digest',
        params: { realm: 'a, b', qop: 'auth,auth-int', nonce: 'abc', opaque: 'x"y' },
      },
    ])
  })

  it('skips token68 credentials and ignores garbage', () => {
    expect(parseChallenges('Negotiate abc==, Digest nonce="n"')).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'digest', params: { nonce: 'n' } },
    ])
    expect(parseChallenges('')).toEqual([])
  })
})
