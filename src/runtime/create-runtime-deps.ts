/** Assembles RuntimeDeps with fresh per-engine caches (auth state, decoders). */
import { createScriptRunner, type ScriptRunner } from './scripting/create-script-runner.js'
import type { CallObserver, RuntimeDeps, SecretValues, Transport } from './types.js'

export interface RuntimeDepsInit {
  readonly transport: Transport
  readonly secrets: SecretValues
  readonly clock?: () => number
  readonly observer?: CallObserver
  readonly parseYaml?: (text: string) => unknown
  readonly readSchema?: (path: string) => string
  /** Shared across reloads so its counts survive them; a fresh one by default. */
  readonly scripts?: ScriptRunner
}

export function createRuntimeDeps(init: RuntimeDepsInit): RuntimeDeps {
  const clock = init.clock ?? (() => performance.now())
  return {
    transport: init.transport,
    secrets: init.secrets,
    clock,
    scripts: init.scripts ?? createScriptRunner({ clock }),
    ...(init.observer ? { observer: init.observer } : {}),
    authState: new Map(),
    decoders: new WeakMap(),
    decoderOptions: {
      ...(init.parseYaml ? { parseYaml: init.parseYaml } : {}),
      ...(init.readSchema ? { readSchema: init.readSchema } : {}),
    },
  }
}
