/** Assembles RuntimeDeps with fresh per-engine caches (auth state, decoders). */
import type { CallObserver, RuntimeDeps, SecretValues, Transport } from './types.js'

export interface RuntimeDepsInit {
  readonly transport: Transport
  readonly secrets: SecretValues
  readonly clock?: () => number
  readonly observer?: CallObserver
  readonly parseYaml?: (text: string) => unknown
  readonly readSchema?: (path: string) => string
}

export function createRuntimeDeps(init: RuntimeDepsInit): RuntimeDeps {
  return {
    transport: init.transport,
    secrets: init.secrets,
    clock: init.clock ?? (() => performance.now()),
    ...(init.observer ? { observer: init.observer } : {}),
    authState: new Map(),
    decoders: new WeakMap(),
    decoderOptions: {
      ...(init.parseYaml ? { parseYaml: init.parseYaml } : {}),
      ...(init.readSchema ? { readSchema: init.readSchema } : {}),
    },
  }
}
