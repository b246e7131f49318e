import { describe, expect, it } from 'vitest'
import { loadCapabilities } from './load-capabilities.js'
import { writeCapability } from '../../test/support/write-capability.js'
import { overrideBase } from './override-base.js'

describe('--upstream overrides', () => {
  it('keeps the declared path when the override is an origin, for a named namespace and for *', () => {
    const declared = 'https://api.scaleway.com/secret-manager/v1beta1'
    expect(overrideBase('http://127.0.0.1:4010', declared)).toBe(
      'http://127.0.0.1:4010/secret-manager/v1beta1',
    )
    expect(overrideBase('http://127.0.0.1:4010/', declared)).toBe(
      'http://127.0.0.1:4010/secret-manager/v1beta1',
    )
  })

  it('replaces the whole base URI when the override has a path of its own', () => {
    expect(overrideBase('http://mock.test/scaleway', 'https://api.scaleway.com/v1')).toBe(
      'http://mock.test/scaleway',
    )
  })

  it('uses the override as given when the declared base is a template or has no path', () => {
    expect(overrideBase('http://127.0.0.1:4010', '{{env.BASE_URL}}')).toBe('http://127.0.0.1:4010')
    expect(overrideBase('http://127.0.0.1:4010', 'https://api.qovery.com')).toBe(
      'http://127.0.0.1:4010',
    )
  })

  it('applies when a capability is loaded with *=origin', async () => {
    const { dir, file } = writeCapability(`naftiko: 1.0.0-alpha2
info: {label: Paths, description: a base URI with a path}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://upstream.test/api/v2
      resources:
        - {name: items, path: /items, operations: [{name: list, method: GET}]}
  exposes:
    - type: mcp
      namespace: tools
      port: 9090
      tools:
        - {name: list, description: Lists., call: up.list}
`)
    const { capabilities } = await loadCapabilities([file], {
      cwd: dir,
      upstreams: new Map([['*', 'http://127.0.0.1:4010']]),
    })
    expect(capabilities[0]!.upstreams[0]!.baseUri.render({})).toBe('http://127.0.0.1:4010/api/v2')
  })
})
