/** A REST expose: each resource's operations with their plans, and its forwards. */
import { buildPlan, type PlanRequest } from './build-plan.js'
import { routeVariables } from './compile-path.js'
import { exposedInputs } from './exposed-inputs.js'
import { resolveAuthentication } from './resolve-authentication.js'
import type { ExposeInputs } from './resolve-exposes.js'
import type { HttpMethod, Input, RestExpose, RestForward, RestOperation } from './types.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import { withAggregate } from './with-aggregate.js'

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

export function resolveRest(
  spec: Record<string, unknown>,
  pointer: string,
  inputs: ExposeInputs,
  rc: ResolveContext,
): RestExpose {
  const namespace = asString(spec.namespace) ?? 'rest'
  const operations: RestOperation[] = []
  const forwards: RestForward[] = []
  const routes = new Map<string, string>()
  const serverInputs = exposedInputs(spec.inputParameters, ptr(pointer, 'inputParameters'), rc)
  asArray(spec.resources).forEach((res, ri) => {
    if (!isRecord(res)) return
    const rp = ptr(pointer, 'resources', ri)
    const path = normalizeRoute(asString(res.path) ?? `/${asString(res.name) ?? ri}`)
    const resourceInputs = exposedInputs(res.inputParameters, ptr(rp, 'inputParameters'), rc)
    asArray(res.operations).forEach((op, oi) => {
      if (!isRecord(op)) return
      const op_p = ptr(rp, 'operations', oi)
      const effective = withAggregate(op, op_p, inputs, rc)
      const method = (asString(effective.spec.method) ?? 'GET').toUpperCase() as HttpMethod
      if (!METHODS.has(method))
        rc.report(
          'SCHEMA_ENUM',
          ptr(op_p, 'method'),
          `Method "${String(op.method)}" is not an HTTP method.`,
          'Use GET, POST, PUT, PATCH or DELETE.',
        )
      const key = `${method} ${routeKey(path)}`
      if (routes.has(key)) {
        rc.report(
          'DUPLICATE_ROUTE',
          ptr(op_p, 'method'),
          `Route ${method} ${path} is declared twice in expose "${namespace}" (first at ${routes.get(key)}).`,
          'Each method and path pair may appear once per REST expose.',
        )
        return
      }
      routes.set(key, op_p)
      const declared = mergeInputs(
        serverInputs,
        resourceInputs,
        exposedInputs(effective.spec.inputParameters, ptr(op_p, 'inputParameters'), rc),
      )
      const name =
        asString(effective.spec.name) ?? `${method.toLowerCase()}-${asString(res.name) ?? ri}`
      const req: PlanRequest = {
        surface: 'rest',
        label: `REST ${method} ${path}`,
        pointer: op_p,
        namespace: effective.namespace ?? namespace,
        declared,
        routeVariables: routeVariables(path),
        method,
        spec: effective.spec,
        operations: inputs.operations,
        binds: inputs.binds,
      }
      operations.push({
        name,
        method,
        path,
        ...(typeof op.description === 'string' ? { description: op.description } : {}),
        plan: buildPlan(req, rc),
        pointer: op_p,
      })
    })
    if (isRecord(res.forward)) {
      const target = asString(res.forward.targetNamespace) ?? ''
      const upstream = inputs.upstreams.find((u) => u.namespace === target)
      if (!upstream)
        rc.report(
          'UNKNOWN_FORWARD_TARGET',
          ptr(rp, 'forward', 'targetNamespace'),
          `forward.targetNamespace "${target}" names no consumed namespace.`,
          `Known namespaces: ${inputs.upstreams.map((u) => u.namespace).join(', ') || '(none)'}.`,
        )
      else
        forwards.push({
          path,
          upstream,
          trustedHeaders: asArray(res.forward.trustedHeaders).filter(
            (h): h is string => typeof h === 'string',
          ),
        })
    }
  })
  return {
    type: 'rest',
    namespace,
    port: Number(spec.port ?? 0),
    address: asString(spec.address),
    authentication: resolveAuthentication(spec, pointer, inputs, rc),
    operations,
    forwards,
    ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
  }
}

function mergeInputs(...lists: Input[][]): Input[] {
  const byName = new Map<string, Input>()
  for (const list of lists) for (const i of list) byName.set(i.name, i)
  return [...byName.values()]
}

/** `{{x}}` in exposed paths is the same as `{x}`. */
function normalizeRoute(path: string): string {
  const p = path.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, '{$1}')
  return p.startsWith('/') ? p : `/${p}`
}

/** Routes that differ only in variable names clash. */
export function routeKey(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}')
}
