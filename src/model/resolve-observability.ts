/** The `observability` block of a capability's control expose: trace export, sampling, local views. */
import { controlBlock } from './control-block.js'
import { asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'
import type { ObservabilitySettings } from './types.js'

export function resolveObservability(
  exposes: unknown,
  rc: ResolveContext,
): ObservabilitySettings | undefined {
  const block = controlBlock(exposes, ['observability'])
  if (block === undefined) return undefined
  const { spec, pointer: p } = block
  const traces = isRecord(spec.traces) ? spec.traces : {}
  const tracesLocal = isRecord(traces.local) ? traces.local : {}
  const metrics = isRecord(spec.metrics) ? spec.metrics : {}
  const metricsLocal = isRecord(metrics.local) ? metrics.local : {}
  const otlp = isRecord(spec.exporters) && isRecord(spec.exporters.otlp) ? spec.exporters.otlp : {}
  if (traces.propagation === 'b3')
    rc.report(
      'UNSUPPORTED_FEATURE',
      ptr(p, 'traces', 'propagation'),
      'Capstan reads and sends W3C trace context (traceparent) only; B3 headers are ignored.',
      'Use propagation: w3c, or have the proxy in front translate B3.',
      'warning',
    )
  const endpoint = asString(otlp.endpoint)
  const bufferSize = tracesLocal['buffer-size']
  return {
    enabled: spec.enabled !== false,
    ...(endpoint === undefined ? {} : { otlpEndpoint: endpoint }),
    sampling: typeof traces.sampling === 'number' ? traces.sampling : 1,
    tracesLocal: tracesLocal.enabled !== false,
    traceBufferSize: typeof bufferSize === 'number' ? bufferSize : 100,
    metricsLocal: metricsLocal.enabled !== false,
  }
}
