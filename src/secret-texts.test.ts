import { describe, expect, it } from 'vitest'
import { replaceSecrets, secretTexts } from './secret-texts.js'

describe('secretTexts and replaceSecrets', () => {
  it('keeps distinct values of at least 4 characters, longest first', () => {
    expect(secretTexts(['abcd', 'tok', 'abcdef', 'abcd'])).toEqual(['abcdef', 'abcd'])
  })

  it('replaces a secret that contains another as a whole, leaving no part of it', () => {
    const secrets = secretTexts(['abcd', 'abcdef'])
    expect(replaceSecrets('x=abcdef y=abcd', secrets, () => '[REDACTED]')).toBe(
      'x=[REDACTED] y=[REDACTED]',
    )
    expect(replaceSecrets('x=abcdef', secrets, (s) => '*'.repeat(s.length))).toBe('x=******')
  })
})
