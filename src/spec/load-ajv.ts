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

/** Ajv 2020-12 and ajv-formats (the module system keeps them after the first call). */
export function loadAjv(): AjvCompiler {
  // the CommonJS bundle sees a literal require and defers the module's code to this call
  /* eslint-disable @typescript-eslint/no-require-imports */
  const [ajv, formats] =
    typeof require === 'function'
      ? [require('ajv/dist/2020.js'), require('ajv-formats')]
      : [esmRequire()('ajv/dist/2020.js'), esmRequire()('ajv-formats')]
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    Ajv2020: ((ajv as { default?: unknown }).default ?? ajv) as Ajv2020Class,
    addFormats: ((formats as { default?: unknown }).default ?? formats) as AddFormats,
  }
}

function esmRequire(): NodeRequire {
  return createRequire(import.meta.url)
}
