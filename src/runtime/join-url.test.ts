import { describe, expect, it } from 'vitest'
import { joinUrl } from './join-url.js'

describe('joinUrl', () => {
  it.each([
    ['http://h/v1', 'forecast', 'http://h/v1/forecast'],
    ['http://h/v1', '/forecast', 'http://h/v1/forecast'],
    ['http://h/v1/', '/forecast', 'http://h/v1/forecast'],
    ['http://h', '/a/b', 'http://h/a/b'],
    ['http://h/v1', '', 'http://h/v1'],
  ])('%s + %s → %s', (base, path, url) => {
    expect(joinUrl(base, path)).toBe(url)
  })
})
