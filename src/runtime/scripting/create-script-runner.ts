/**
 * Runs script steps in QuickJS compiled to WebAssembly: no host objects (no require, process,
 * fetch or file system), a heap limit and a deadline. The module loads on the first script only.
 */
import { readFile, realpath } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core'
import { EngineError } from '../../errors.js'
import { isInsideLocation } from '../../model/location-path.js'
import {
  DEFAULT_SCRIPT_TIMEOUT_MS,
  DEFAULT_STATEMENT_LIMIT,
} from '../../model/resolve-scripting.js'
import type { ScriptingGovernance, ScriptStep } from '../../model/types.js'
import { scriptingOffByEnv, scriptRefusal } from './script-refusal.js'
import { updateGovernance } from './update-governance.js'

export interface ScriptRunner {
  /** The value the script assigned to `result` (JSON round-tripped), or undefined. */
  run(step: ScriptStep, context: Readonly<Record<string, unknown>>): Promise<unknown>
  /** Runs so far (refused ones not counted), failures among them, and their time. */
  stats(): ScriptStats
  /** A file's governance as it stands now: as loaded, or as PUT /scripting last changed it. */
  governance(loaded: ScriptingGovernance): ScriptingGovernance
  /** Applies a partial update to a file's governance for later runs; a string says what is wrong. */
  update(loaded: ScriptingGovernance, patch: unknown): ScriptingGovernance | string
}

export interface ScriptRunnerOptions {
  readonly clock?: () => number
  readonly wallClock?: () => number
  /** NAFTIKO_SCRIPTING=false turns scripts off for files without management.scripting. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

export interface ScriptStats {
  readonly totalExecutions: number
  readonly totalErrors: number
  readonly averageDurationMs: number
  /** When the last run started (ISO 8601), when there was one. */
  readonly lastExecutionAt?: string
}

const STACK_BYTES = 1024 * 1024
/** QuickJS polls the interrupt handler once per this many calls and jumps (~2 per loop iteration). */
const INTERRUPT_STRIDE = 10_000

export function createScriptRunner(options: ScriptRunnerOptions = {}): ScriptRunner {
  const clock = options.clock ?? (() => performance.now())
  const wallClock = options.wallClock ?? Date.now
  const offByEnv = scriptingOffByEnv(options.env)
  let module: Promise<QuickJSWASMModule> | undefined
  const counts = { runs: 0, errors: 0, totalMs: 0, lastAt: undefined as number | undefined }
  // keyed by the loaded governance object (no lookup by name); a reload's new objects start afresh
  const live = new WeakMap<ScriptingGovernance, ScriptingGovernance>()
  const current = (loaded: ScriptingGovernance) => live.get(loaded) ?? loaded
  const load = (): Promise<QuickJSWASMModule> =>
    (module ??= (() => {
      // required, not imported: the bundle's import() of an external would warn on Node 20
      const require = createRequire(import.meta.url)
      const core = require('quickjs-emscripten-core') as typeof import('quickjs-emscripten-core')
      const variant = require('@jitl/quickjs-wasmfile-release-sync') as {
        default: Parameters<typeof core.newQuickJSWASMModuleFromVariant>[0]
      }
      return core.newQuickJSWASMModuleFromVariant(variant.default)
    })())
  const run: ScriptRunner['run'] = async (step, context) => {
    const governance = step.governance === undefined ? undefined : current(step.governance)
    const refusal = scriptRefusal(step, governance, offByEnv)
    if (refusal !== undefined)
      throw new EngineError('POLICY_DENIED', `Script step "${step.name}" is refused: ${refusal}.`)
    const started = clock()
    counts.runs++
    counts.lastAt = wallClock()
    try {
      return await execute(step, context, governance)
    } catch (error) {
      counts.errors++
      throw error
    } finally {
      counts.totalMs += clock() - started
    }
  }
  const execute = async (
    step: ScriptStep,
    context: Readonly<Record<string, unknown>>,
    governance: ScriptingGovernance | undefined,
  ): Promise<unknown> => {
    const root = step.location ?? governance?.defaultLocation
    if (root === undefined)
      throw new EngineError('SCRIPT_FAILED', `Script step "${step.name}" has no location.`)
    const sources = await readSources(step, root)
    const quickjs = await load()
    const runtime = quickjs.newRuntime()
    const limits: Limits = {
      timeoutMs: governance?.timeoutMs ?? DEFAULT_SCRIPT_TIMEOUT_MS,
      statementLimit: governance?.statementLimit ?? DEFAULT_STATEMENT_LIMIT,
      stoppedBy: undefined,
    }
    const deadline = clock() + limits.timeoutMs
    // stop at the poll that reaches the limit (rounded down to a stride; at least one stride)
    const strides = Math.max(1, Math.floor(limits.statementLimit / INTERRUPT_STRIDE))
    let polls = 0
    runtime.setMemoryLimit(step.memoryBytes)
    runtime.setMaxStackSize(STACK_BYTES)
    runtime.setInterruptHandler(() => {
      if (clock() > deadline) limits.stoppedBy = 'timeout'
      else if (++polls >= strides) limits.stoppedBy = 'statements'
      return limits.stoppedBy !== undefined
    })
    const vm = runtime.newContext()
    try {
      const json = vm.newString(JSON.stringify(context))
      vm.setProp(vm.global, '__capstanContext', json)
      json.dispose()
      check(
        step,
        limits,
        vm,
        'context',
        vm.evalCode(
          'globalThis.context = JSON.parse(globalThis.__capstanContext); delete globalThis.__capstanContext',
          'context.js',
        ),
      )
      for (const [file, code] of sources) check(step, limits, vm, file, vm.evalCode(code, file))
      const out = check(
        step,
        limits,
        vm,
        'result',
        vm.evalCode(
          "typeof result === 'undefined' ? undefined : JSON.stringify(result)",
          'result.js',
        ),
      )
      return typeof out === 'string' ? (JSON.parse(out) as unknown) : undefined
    } finally {
      vm.dispose()
      runtime.dispose()
    }
  }
  return {
    run,
    governance: current,
    update: (loaded, patch) => {
      const next = updateGovernance(current(loaded), patch)
      if (typeof next !== 'string') live.set(loaded, next)
      return next
    },
    stats: () => ({
      totalExecutions: counts.runs,
      totalErrors: counts.errors,
      averageDurationMs:
        counts.runs === 0 ? 0 : Math.round((counts.totalMs / counts.runs) * 100) / 100,
      ...(counts.lastAt === undefined
        ? {}
        : { lastExecutionAt: new Date(counts.lastAt).toISOString() }),
    }),
  }
}

interface Limits {
  readonly timeoutMs: number
  readonly statementLimit: number
  stoppedBy: 'timeout' | 'statements' | undefined
}

/** The step's files, dependencies first, each read only when its real path stays in the location. */
async function readSources(step: ScriptStep, location: string): Promise<[string, string][]> {
  let root: string
  try {
    root = await realpath(location)
  } catch {
    throw new EngineError(
      'SCRIPT_FAILED',
      `Script step "${step.name}": its location directory does not exist.`,
    )
  }
  return Promise.all(
    step.files.map(async (file): Promise<[string, string]> => {
      let real: string
      try {
        real = await realpath(join(root, ...file.split('/')))
      } catch {
        throw new EngineError(
          'SCRIPT_FAILED',
          `Script step "${step.name}": file "${file}" is not in its location.`,
        )
      }
      // the root itself is a directory, not a script
      if (real === root || !isInsideLocation(root, real))
        throw new EngineError(
          'SCRIPT_FAILED',
          `Script step "${step.name}": file "${file}" leads outside its location.`,
        )
      return [file, await readFile(real, 'utf8')]
    }),
  )
}

type Evaluated = ReturnType<QuickJSContext['evalCode']>

/** The evaluated value (dumped), or SCRIPT_FAILED naming the file, the error and where it was thrown. */
function check(
  step: ScriptStep,
  limits: Limits,
  vm: QuickJSContext,
  file: string,
  result: Evaluated,
): unknown {
  if ('error' in result && result.error !== undefined) {
    const error = dumpAndDispose(vm, result.error) as
      { name?: string; message?: string; stack?: string } | string
    const name = typeof error === 'object' && error !== null ? (error.name ?? 'Error') : 'Error'
    const message =
      typeof error === 'object' && error !== null ? (error.message ?? '') : String(error)
    if (name === 'InternalError' && message === 'interrupted')
      throw new EngineError(
        'SCRIPT_FAILED',
        limits.stoppedBy === 'statements'
          ? `Script step "${step.name}" exceeded its statement limit of ${limits.statementLimit} (in ${file}); raise management.scripting.statementLimit or do less per call.`
          : `Script step "${step.name}" ran past its ${limits.timeoutMs} ms timeout (in ${file}).`,
      )
    if (name === 'InternalError' && message === 'out of memory')
      throw new EngineError(
        'SCRIPT_FAILED',
        `Script step "${step.name}" used more than ${step.memoryBytes / 1048576} MB (in ${file}).`,
      )
    const at =
      typeof error === 'object' && error !== null
        ? /\(([^)]+:\d+:\d+)\)/.exec(error.stack ?? '')?.[1]
        : undefined
    throw new EngineError(
      'SCRIPT_FAILED',
      `Script step "${step.name}" threw ${name}: ${message}${at ? ` at ${at}` : ` in ${file}`}.`,
    )
  }
  return dumpAndDispose(vm, (result as { value: QuickJSHandle }).value)
}

function dumpAndDispose(vm: QuickJSContext, handle: QuickJSHandle): unknown {
  try {
    return vm.dump(handle)
  } finally {
    handle.dispose()
  }
}
