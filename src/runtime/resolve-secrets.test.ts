/** Bind values: environment, X_FILE indirection, file: locations; errors name the variable, never a value. */
import { describe, expect, it } from 'vitest'
import type { BindVariable } from '../model/types.js'
import { resolveSecrets } from './resolve-secrets.js'

const bind = (variable: string, extra: Partial<BindVariable> = {}): BindVariable => ({
  variable,
  namespace: 'env',
  key: variable,
  file: undefined,
  ...extra,
})
const files: Record<string, string> = {
  '/run/secrets/key': 'from-file\n',
  '/etc/binds.json': '{"API": "json-value"}',
  '/etc/binds.yaml': 'API: yaml-value\n',
}
const readFile = (p: string) => {
  const v = files[p]
  if (v === undefined) throw new Error('ENOENT')
  return v
}
const parseYaml = (t: string) =>
  Object.fromEntries(
    t
      .trim()
      .split('\n')
      .map((l) => l.split(': ')),
  )

describe('resolveSecrets', () => {
  it('reads the environment variable named by the provider key, flat and per namespace', () => {
    const { secrets, problems } = resolveSecrets(
      [bind('QOVERY_API_KEY', { key: 'QOVERY_TOKEN' })],
      { env: { QOVERY_TOKEN: 'v1' }, readFile, parseYaml },
    )
    expect(problems).toEqual([])
    expect(secrets.context).toEqual({ QOVERY_API_KEY: 'v1', env: { QOVERY_API_KEY: 'v1' } })
  })
  it('follows X_FILE indirection to a mounted secret file', () => {
    const { secrets } = resolveSecrets([bind('KEY')], {
      env: { KEY_FILE: '/run/secrets/key' },
      readFile,
      parseYaml,
    })
    expect(secrets.values.get('KEY')).toBe('from-file')
  })
  it('reads JSON and YAML bind files', () => {
    const json = resolveSecrets([bind('API', { file: '/etc/binds.json' })], {
      env: {},
      readFile,
      parseYaml,
    })
    const yaml = resolveSecrets([bind('API', { file: '/etc/binds.yaml' })], {
      env: {},
      readFile,
      parseYaml,
    })
    expect(json.secrets.values.get('API')).toBe('json-value')
    expect(yaml.secrets.values.get('API')).toBe('yaml-value')
  })
  it('names a missing variable and how to set it, without any value', () => {
    const { problems } = resolveSecrets([bind('SCALEWAY_API_KEY')], {
      env: { OTHER: 'secret-xyz' },
      readFile,
      parseYaml,
    })
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toContain('SCALEWAY_API_KEY')
    expect(problems[0]!.message).toContain('SCALEWAY_API_KEY_FILE')
    expect(problems[0]!.message).not.toContain('secret-xyz')
  })
})
