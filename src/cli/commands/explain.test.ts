import { describe, expect, it } from 'vitest'
import { loadCapabilityText } from '../../../test/support/load-capability-text.js'
import { explainCapability } from './explain.js'

const CAP = `naftiko: 1.0.0-alpha2
info: {label: Explain, description: upstream URLs as they are called}
capability:
  consumes:
    - type: http
      namespace: up
      baseUri: http://upstream.test/v1
      resources:
        - name: forecast
          path: forecast/{{city}}
          operations: [{name: get-forecast, method: GET}]
  exposes:
    - type: mcp
      namespace: tools
      port: 9091
      tools:
        - name: forecast
          description: Forecast of a city.
          inputParameters: [{name: city, type: string, description: City.}]
          call: up.get-forecast
`

describe('explain', () => {
  it('shows the upstream URL as it is called: base URI and path joined by one slash', async () => {
    const { capabilities } = await loadCapabilityText(CAP)
    const [entry] = capabilities.flatMap(explainCapability)
    expect(entry?.upstream?.url).toBe('http://upstream.test/v1/forecast/{city}')
  })
})
