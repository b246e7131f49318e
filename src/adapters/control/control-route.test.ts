import { describe, expect, it } from 'vitest'
import { controlRoute } from './control-route.js'

describe('controlRoute', () => {
  it.each([
    ['/metrics', '/metrics'],
    ['/metrics/', '/metrics'],
    ['/metrics//?x=1', '/metrics'],
    ['/health/ready/', '/health/ready'],
    ['/health/../status', '/status'],
    ['http://elsewhere/traces', '/traces'],
    ['/traces/abc/', '/traces/{id}'],
  ])('names the endpoint of %s', (target, route) => {
    expect(controlRoute(target)?.route).toBe(route)
  })

  it.each(['/', '/metricsx', '/%6Detrics', '/health', '//metrics', 'http://[bad/metrics'])(
    'names none for %s',
    (target) => {
      expect(controlRoute(target)).toBeUndefined()
    },
  )

  it('keeps the query for the /traces filters', () => {
    expect(controlRoute('/traces/?operation=a')?.query.get('operation')).toBe('a')
  })
})
