import { describe, expect, it } from 'vitest'
import { createLogger } from './create-logger.js'

function capture(initial: string[]) {
  const lines: Record<string, unknown>[] = []
  const bound = { values: initial }
  const logger = createLogger(
    { write: (s: string) => void lines.push(JSON.parse(s)) },
    'info',
    () => bound.values,
  )
  return { logger, lines, bound }
}

describe('createLogger', () => {
  it('replaces bound secret values in the message and at any depth of the fields', () => {
    const { logger, lines } = capture(['s3cr3t-value', 'tok'])
    const fields = { path: '/x/s3cr3t-value', nested: { list: ['a', 'key=s3cr3t-value;'], n: 1 } }
    logger.info(fields, 'calling with s3cr3t-value')
    expect(lines[0]).toMatchObject({
      msg: 'calling with [REDACTED]',
      path: '/x/[REDACTED]',
      nested: { list: ['a', 'key=[REDACTED];'], n: 1 },
    })
    // the caller's object is not modified
    expect(fields.path).toBe('/x/s3cr3t-value')
    // values shorter than 4 characters would redact ordinary words, so they are left alone
    logger.info({ word: 'tokens' }, 'ok')
    expect(lines[1]).toMatchObject({ word: 'tokens' })
  })

  it('redacts credential headers by name and picks up values bound by a reload', () => {
    const { logger, lines, bound } = capture([])
    logger.info(
      { req: { headers: { authorization: 'Bearer abc', accept: 'json' } } },
      'first value-9',
    )
    bound.values = ['value-9']
    logger.info({ id: 'value-9' }, 'second')
    expect(lines[0]).toMatchObject({
      msg: 'first value-9',
      req: { headers: { authorization: '[REDACTED]', accept: 'json' } },
    })
    expect(lines[1]).toMatchObject({ id: '[REDACTED]' })
  })

  it('redacts a secret that contains another bound secret whole', () => {
    const { logger, lines } = capture(['abcd', 'abcdef'])
    logger.info({ v: 'key abcdef' }, 'm')
    expect(lines[0]).toMatchObject({ v: 'key [REDACTED]' })
  })
})
