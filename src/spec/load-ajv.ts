/**
 * Ajv's compiler, loaded on first use: a start whose validators all come precompiled (or from the
 * validation cache) and whose MCP tools are not called yet never runs Ajv's module code.
 */
import { createRequire } from 'node:module'
import type { Ajv2020 } from 'ajv/dist/2020.js'

export type Ajv2020Class = typeof Ajv2020
export type AddFormats = (ajv: Ajv2020) => unknown

export interface AjvCompiler {
  readonly Ajv2020: Ajv2020Class
  readonly addFormats: AddFormats
}

// the CommonJS bundle sees a literal require and defers the module's code to its call
/* eslint-disable @typescript-eslint/no-require-imports */
const esmRequire = typeof require === 'function' ? undefined : createRequire(import.meta.url)

/** Ajv 2020-12 and ajv-formats (the module system keeps them after the first call). */
export function loadAjv(): AjvCompiler {
  const [ajv, formats] =
    esmRequire === undefined
      ? [require('ajv/dist/2020.js'), require('ajv-formats')]
      : [esmRequire('ajv/dist/2020.js'), esmRequire('ajv-formats')]
  return {
    Ajv2020: ((ajv as { default?: unknown }).default ?? ajv) as Ajv2020Class,
    addFormats: ((formats as { default?: unknown }).default ?? formats) as AddFormats,
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */
