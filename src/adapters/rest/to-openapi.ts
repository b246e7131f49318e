/** OpenAPI 3.1 description of exposed REST operations (served at /openapi.json, and by `capstan export openapi`). */
import type { Input, RestExpose } from '../../model/types.js'

export function toOpenApi(
  exposes: readonly RestExpose[],
  serverUrl?: string,
  info?: { title?: string; description?: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const usedIds = new Set<string>()
  for (const expose of exposes) {
    for (const op of expose.operations) {
      const item = (paths[op.path] ??= {})
      const parameters = op.plan.inputs
        .filter((i) => i.location !== 'body' && i.fixed === undefined)
        .map(parameter)
      const bodyInputs = op.plan.inputs.filter(
        (i) => i.location === 'body' && i.fixed === undefined,
      )
      let operationId = op.name.replace(/[^A-Za-z0-9_-]/g, '-')
      if (usedIds.has(operationId)) operationId = `${expose.namespace}-${operationId}`
      usedIds.add(operationId)
      item[op.method.toLowerCase()] = {
        operationId,
        ...(op.description ? { summary: op.description } : {}),
        tags: [expose.namespace],
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(bodyInputs.length > 0 ? { requestBody: requestBody(bodyInputs) } : {}),
        responses: {
          '200': {
            description: 'The upstream result, shaped by outputParameters.',
            content: { 'application/json': { schema: op.plan.output.schema ?? {} } },
          },
          default: {
            description:
              'An engine error (problem+json) or the upstream error passed through (header capstan-error-source: upstream).',
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
            },
          },
        },
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info?.title ?? exposes.map((e) => e.namespace).join(', '),
      version: '1.0.0',
      ...(info?.description ? { description: info.description } : {}),
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            parameter: { type: 'string' },
            instance: { type: 'string' },
          },
          required: ['type', 'title', 'status'],
        },
      },
    },
  }
}

function schemaOf(input: Input): Record<string, unknown> {
  const s: Record<string, unknown> = { type: input.type, ...(input.schema ?? {}) }
  if (input.type === 'array' && !('items' in s)) s.items = { type: 'string' }
  if (input.pattern) s.pattern = input.pattern
  return s
}

function parameter(input: Input): Record<string, unknown> {
  const location = input.location === 'argument' ? 'query' : input.location
  return {
    name: input.name,
    in: location,
    required: location === 'path' ? true : input.required,
    ...(input.description ? { description: input.description } : {}),
    schema: schemaOf(input),
    ...(input.type === 'array' ? { style: 'form', explode: true } : {}),
  }
}

function requestBody(inputs: readonly Input[]): Record<string, unknown> {
  const whole = inputs.find((i) => i.wholeBody)
  if (whole)
    return {
      required: whole.required,
      content: { 'application/json': { schema: { type: 'object' } } },
    }
  const properties = Object.fromEntries(
    inputs.map((i) => [
      i.name,
      { ...schemaOf(i), ...(i.description ? { description: i.description } : {}) },
    ]),
  )
  const required = inputs.filter((i) => i.required).map((i) => i.name)
  return {
    required: required.length > 0,
    content: {
      'application/json': {
        schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
      },
    },
  }
}
