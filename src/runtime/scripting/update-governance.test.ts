import { describe, expect, it } from 'vitest'
import type { ScriptingGovernance } from '../../model/types.js'
import { updateGovernance } from './update-governance.js'

const LOADED: ScriptingGovernance = Object.freeze({
  enabled: true,
  timeoutMs: 1000,
  statementLimit: 100_000,
  defaultLanguage: 'javascript',
})

describe('a PUT /scripting update', () => {
  it('changes only the fields it names, and turns URIs into paths', () => {
    expect(
      updateGovernance(LOADED, {
        timeout: 2500,
        statementLimit: 10,
        allowedLanguages: ['javascript', 'groovy'],
        defaultLocation: 'file:///srv/scripts',
      }),
    ).toEqual({
      enabled: true,
      timeoutMs: 2500,
      statementLimit: 10,
      defaultLanguage: 'javascript',
      allowedLanguages: ['javascript', 'groovy'],
      defaultLocation: '/srv/scripts',
    })
  })

  it('names the field and the fix for each bad value', () => {
    for (const [patch, message] of [
      [[], 'The body must be a JSON object of the fields to change, e.g. {"timeout": 2000}.'],
      [{ enabled: 'yes' }, 'enabled must be true or false.'],
      [{ timeout: 1.5 }, 'timeout must be a whole number of at least 1, got 1.5.'],
      [{ statementLimit: -1 }, 'statementLimit must be a whole number of at least 1, got -1.'],
      [{ defaultLanguage: 'ruby' }, 'defaultLanguage must be one of javascript, python, groovy.'],
      [
        { allowedLanguages: 'javascript' },
        'allowedLanguages must be an array of javascript, python, groovy.',
      ],
      [
        { defaultLocation: 'file:///./scripts' },
        'defaultLocation must be an absolute file: URI of a directory, e.g. "file:///srv/scripts".',
      ],
      [
        { defaultLocation: '/srv/scripts' },
        'defaultLocation must be an absolute file: URI of a directory, e.g. "file:///srv/scripts".',
      ],
      [
        { memory: 1 },
        'Unknown field "memory"; PUT /scripting takes enabled, defaultLocation, defaultLanguage, timeout, statementLimit, allowedLanguages.',
      ],
    ] as const)
      expect(updateGovernance(LOADED, patch), JSON.stringify(patch)).toBe(message)
  })
})
