import { describe, expect, it } from 'vitest'
import { parseSecurityFlags } from './parse-security-flags.js'

describe('parseSecurityFlags', () => {
  it('reads flags, then CAPSTAN_* variables', () => {
    const out = parseSecurityFlags(
      { 'read-only': true, tools: 'list-*, get-secret', 'rate-limit': '5/s' },
      { CAPSTAN_MAX_CONCURRENCY: '3', CAPSTAN_ALLOWED_HOSTS: 'capstan.internal' },
    )
    expect(out).toMatchObject({
      security: {
        readOnly: true,
        tools: ['list-*', 'get-secret'],
        rateLimit: { perSecond: 5 },
        maxConcurrency: 3,
        allowUnauthenticated: false,
      },
      allowedHosts: ['capstan.internal'],
    })
  })
  it('names the flag and the expected form on bad input', () => {
    expect(parseSecurityFlags({ 'rate-limit': 'lots' }, {})).toMatch(
      /--rate-limit expects a positive rate such as 10\/s/,
    )
    expect(parseSecurityFlags({ 'max-concurrency': '0' }, {})).toMatch(/--max-concurrency/)
    expect(parseSecurityFlags({ 'cors-origin': '*' }, {})).toMatch(/--cors-origin .*no \*/)
  })
})
