/** The exposed REST API's OpenAPI 3.1 document validates with a real OpenAPI validator. */
import { validate } from '@readme/openapi-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../src/cli/start-engine.js'
import { exportCommand } from '../../src/cli/commands/export-openapi.js'
import { collectLogs } from '../support/collect-logs.js'

let engine: Engine
beforeAll(async () => {
  engine = await startEngine({
    paths: ['examples/seeds'],
    cwd: process.cwd(),
    env: { QOVERY_API_KEY: 'k', SCALEWAY_API_KEY: 'k' },
    restPort: 0,
    mcpPort: 0,
    logDestination: collectLogs().stream,
  })
})
afterAll(() => engine?.close())

describe('OpenAPI', () => {
  it('GET /openapi.json on the REST port is a valid OpenAPI 3.1 document with every route', async () => {
    const rest = engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'rest'))!
    const doc = (await (await fetch(`${rest.url}/openapi.json`)).json()) as {
      openapi: string
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string; required: boolean }[] }>
      >
    }
    expect(doc.openapi).toBe('3.1.0')
    const result = await validate(structuredClone(doc) as never)
    expect(result.valid, JSON.stringify(result)).toBe(true)
    const ops = Object.values(doc.paths).flatMap((p) => Object.keys(p))
    expect(ops).toHaveLength(25)
    const list = doc.paths['/v1/secret-manager/v1beta1/regions/{region}/secrets']!.get!
    expect(list.parameters).toContainEqual(
      expect.objectContaining({ name: 'scheduled_for_deletion', in: 'query', required: true }),
    )
    expect(list.parameters).toContainEqual(
      expect.objectContaining({ name: 'region', in: 'path', required: true }),
    )
  })

  it('capstan export openapi prints the same kind of document', async () => {
    let out = ''
    const code = await exportCommand(
      ['openapi', 'examples/seeds/qovery-organization-api-token.yaml'],
      {
        stdout: (t) => (out += t),
        stderr: () => {},
        cwd: process.cwd(),
        env: {},
        onSignal: () => () => {},
      },
    )
    expect(code).toBe(0)
    const doc = JSON.parse(out)
    expect(doc.info.title).toBe('Qovery API — Organization Api Token')
    expect((await validate(doc)).valid).toBe(true)
  })
})
