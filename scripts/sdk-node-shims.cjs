// Stands in for the MCP SDK's Node shims in the bundle (scripts/bundle.mjs): the same exports, but
// the SDK's Ajv-backed JSON Schema validator, which checks elicitation replies and which the engine
// never asks for, is loaded on its first use instead of at every start (~9 ms).
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: require is its import */

class DefaultJsonSchemaValidator {
  #ajv
  #inner
  constructor(ajv) {
    this.#ajv = ajv
  }
  getValidator(schema) {
    if (this.#inner === undefined) {
      const { AjvJsonSchemaValidator } = require('@modelcontextprotocol/server/validators/ajv')
      this.#inner = new AjvJsonSchemaValidator(this.#ajv)
    }
    return this.#inner.getValidator(schema)
  }
}

module.exports = { DefaultJsonSchemaValidator, process: require('node:process') }
