/** `capstan metrics [--port N] [--address A]`: prints a running engine's Prometheus metrics. */
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js'
import { CONTROL_FLAGS, controlFailure, getControl, parseControlTarget } from './health.js'

export async function metricsCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help')) {
    io.stdout(`usage: capstan metrics [options]\n${CONTROL_FLAGS}`)
    return EXIT_OK
  }
  const target = parseControlTarget(args, io.env)
  if (typeof target === 'string') {
    io.stderr(`capstan metrics: ${target}\nusage: capstan metrics [--port N] [--address A]\n`)
    return EXIT_USAGE
  }
  const res = await getControl(target, '/metrics')
  if (typeof res === 'string' || res.status !== 200) {
    io.stderr(`capstan metrics: ${controlFailure(res)}\n`)
    return EXIT_ERRORS
  }
  io.stdout(res.body)
  return EXIT_OK
}
