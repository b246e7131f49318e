/**
 * invoke: run one exposed operation or tool's plan. Reads top to bottom: inputs → context →
 * request → auth → send → decode → shape. Throws EngineError; never formats wire errors.
 */
import { EngineError, InputError, UpstreamError } from '../errors.js'
import type { CallPlan, ConsumedOperation, Plan, Slot, TemplateContext } from '../model/types.js'
import { applyAuth, retryAuth } from './apply-auth.js'
import { buildRequest, sourceValue } from './build-request.js'
import { decodeBody } from './decode-body.js'
import { runSteps } from './run-steps.js'
import type {
  InvokeOptions,
  InvokeResult,
  RuntimeDeps,
  UpstreamRequest,
  UpstreamResponse,
} from './types.js'

const ERROR_EXCERPT_BYTES = 64 * 1024
/** Streamed passthrough holds nothing in memory, so its cap is far above the buffered one. */
const STREAM_LIMIT = 16 * 1024 * 1024 * 1024
const FORWARDED_HEADERS = [
  'location',
  'etag',
  'link',
  'content-disposition',
  'last-modified',
  'retry-after',
]

export async function invoke(
  plan: Plan,
  values: Readonly<Record<string, unknown>>,
  deps: RuntimeDeps,
  options: InvokeOptions = {},
): Promise<InvokeResult> {
  checkRequired(plan, values)
  const context = contextFor(plan, values, deps)
  switch (plan.kind) {
    case 'mock':
      return {
        kind: 'value',
        status: 200,
        value: plan.output.shape(undefined, context()),
        headers: {},
      }
    case 'steps':
      return runSteps(plan, values, context, deps, options)
    case 'call':
      return callPlan(plan, values, context, deps, options)
  }
}

async function callPlan(
  plan: CallPlan,
  values: Readonly<Record<string, unknown>>,
  context: () => TemplateContext,
  deps: RuntimeDeps,
  options: InvokeOptions,
): Promise<InvokeResult> {
  const streamed = plan.output.passthrough && options.allowStream === true
  const response = await callUpstream(
    plan.target,
    plan.slots,
    values,
    context,
    deps,
    options,
    streamed ? STREAM_LIMIT : undefined,
  )
  return toResult(plan, response, context, deps, options)
}

/** Sends one consumed operation with auth, a single 401 retry where the scheme allows it, and telemetry. */
export async function callUpstream(
  target: ConsumedOperation,
  slots: readonly Slot[],
  values: Readonly<Record<string, unknown>>,
  context: () => TemplateContext,
  deps: RuntimeDeps,
  options: InvokeOptions,
  maxResponseBytes?: number,
): Promise<UpstreamResponse> {
  const built = buildRequest(target, slots, values, context)
  built.headers['accept'] ??= target.rawFormat === 'json' ? 'application/json' : '*/*'
  if (options.traceparent) built.headers['traceparent'] = options.traceparent
  // no auth, no await: one microtask less per call
  if (target.upstream.auth) await applyAuth(target.upstream, built, deps, options.signal)
  // spelled out: spreading into a literal built a slow dictionary object on every call
  const request: UpstreamRequest = {
    method: built.method,
    url: built.url,
    headers: built.headers,
    body: built.body,
    idempotent: target.idempotent,
    operationId: target.id,
    namespace: target.upstream.namespace,
    maxResponseBytes,
  }
  const token = deps.observer?.onUpstreamStart?.({
    operationId: target.id,
    method: built.method,
    namespace: target.upstream.namespace,
    url: `${built.url.origin}${built.url.pathname}`,
    traceparent: options.traceparent,
    trace: options.trace,
    spans: options.spans,
  })
  const started = deps.clock()
  let status: number | undefined
  let errorCode: string | undefined
  try {
    let response = await deps.transport.send(request, options.signal)
    if (response.status === 401 && (await retryAfter401(target, built, response, deps, options))) {
      response.body.discard()
      response = await deps.transport.send(
        { ...request, headers: built.headers, url: built.url },
        options.signal,
      )
    }
    status = response.status
    return response
  } catch (error) {
    errorCode = error instanceof EngineError ? error.code : 'INTERNAL'
    throw error
  } finally {
    deps.observer?.onUpstreamEnd?.(token, { status, errorCode, durationMs: deps.clock() - started })
  }
}

/** Whether auth refreshed after a 401; the 401's body is released when refreshing fails. */
async function retryAfter401(
  target: ConsumedOperation,
  built: ReturnType<typeof buildRequest>,
  response: UpstreamResponse,
  deps: RuntimeDeps,
  options: InvokeOptions,
): Promise<boolean> {
  try {
    return await retryAuth(target.upstream, built, response, deps, options.signal)
  } catch (error) {
    response.body.discard()
    throw error
  }
}

async function toResult(
  plan: CallPlan,
  response: UpstreamResponse,
  context: () => TemplateContext,
  deps: RuntimeDeps,
  options: InvokeOptions,
): Promise<InvokeResult> {
  const headers = pickHeaders(response.headers)
  if (response.status >= 300) throw await upstreamError(plan.target, response)
  if (response.status === 204 || response.status === 205 || plan.target.method === 'HEAD') {
    response.body.discard()
    return { kind: 'empty', status: response.status, headers }
  }
  if (plan.output.passthrough && options.allowStream) {
    const length = Number(response.headers['content-length'] ?? Number.NaN)
    return {
      kind: 'stream',
      status: response.status,
      contentType: response.headers['content-type'],
      ...(Number.isSafeInteger(length) && length >= 0 ? { contentLength: length } : {}),
      body: response.body,
      headers,
    }
  }
  const bytes = await response.body.bytes(Number.POSITIVE_INFINITY, {
    operationId: plan.target.id,
  })
  if (bytes.length === 0) return { kind: 'empty', status: response.status, headers }
  const doc = decodeBody(plan.target, bytes, deps)
  return {
    kind: 'value',
    status: response.status,
    value: plan.output.passthrough ? doc : plan.output.shape(doc, context()),
    headers,
  }
}

export async function upstreamError(
  target: ConsumedOperation,
  response: UpstreamResponse,
): Promise<EngineError> {
  if (response.status < 400) {
    response.body.discard()
    return new EngineError(
      'UPSTREAM_REDIRECT_REFUSED',
      `Upstream ${target.id} redirected to another origin; Capstan does not follow it with credentials.`,
    )
  }
  const bytes = await response.body.bytes(ERROR_EXCERPT_BYTES, {
    operationId: target.id,
    truncate: true,
  })
  return new UpstreamError(response.status, target.id, bytes, response.headers['content-type'])
}

function pickHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of FORWARDED_HEADERS) {
    const v = headers[name]
    if (v !== undefined) out[name] = v
  }
  return out
}

function checkRequired(plan: Plan, values: Readonly<Record<string, unknown>>): void {
  for (const input of plan.inputs) {
    if (
      input.required &&
      input.fixed === undefined &&
      (values[input.name] === undefined || values[input.name] === null)
    ) {
      throw new InputError(
        `Missing required parameter \`${input.name}\`.`,
        input.name,
        'INPUT_MISSING',
      )
    }
  }
}

/** The template context is built only when a template needs it: binds, inputs, then with results. */
function contextFor(
  plan: Plan,
  values: Readonly<Record<string, unknown>>,
  deps: RuntimeDeps,
): () => TemplateContext {
  let cached: TemplateContext | undefined
  return () => {
    if (cached) return cached
    const ctx: Record<string, unknown> = { ...deps.secrets.context, ...values }
    for (const input of plan.inputs) if (input.fixed !== undefined) ctx[input.name] = input.fixed
    const base = () => ctx
    for (const entry of plan.withEntries) {
      const v = sourceValue(entry.source, values, base)
      if (v !== undefined) ctx[entry.name] = v
    }
    cached = ctx
    return ctx
  }
}
