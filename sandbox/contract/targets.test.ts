import { describe, expect, it } from 'vitest'
import { qoveryTargets, scalewayTargets } from './targets.js'

describe('contract targets', () => {
  it('registers only the sandbox and says why when real credentials are absent', () => {
    const lines: string[] = []
    const targets = qoveryTargets({ CAPSTAN_CONTRACT_TARGET: 'real', QOVERY_API_KEY: 'k' }, (s) =>
      lines.push(s),
    )
    expect(targets.map((t) => t.name)).toEqual(['sandbox'])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('missing QOVERY_ORGANIZATION_ID')
  })

  it('asks for CAPSTAN_CONTRACT_TARGET=real when it is not set', () => {
    const lines: string[] = []
    const targets = scalewayTargets({ SCALEWAY_API_KEY: 'k' }, (s) => lines.push(s))
    expect(targets.map((t) => t.name)).toEqual(['sandbox'])
    expect(lines[0]).toContain('CAPSTAN_CONTRACT_TARGET=real')
  })

  it('adds the real target when asked and fully configured', () => {
    const env = {
      CAPSTAN_CONTRACT_TARGET: 'real',
      SCALEWAY_API_KEY: 'k',
      SCALEWAY_ORGANIZATION_ID: 'o',
      SCALEWAY_PROJECT_ID: 'p',
    }
    const lines: string[] = []
    expect(scalewayTargets(env, (s) => lines.push(s)).map((t) => t.name)).toEqual([
      'sandbox',
      'real',
    ])
    expect(lines).toEqual([])
  })
})
