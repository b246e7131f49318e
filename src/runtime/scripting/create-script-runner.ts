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
import type { ScriptStep } from '../../model/types.js'

export interface ScriptRunner {
  /** The value the script assigned to `result` (JSON round-tripped), or undefined. */
  run(step: ScriptStep, context: Readonly<Record<string, unknown>>): Promise<unknown>
  /** Runs so far (refused ones not counted), failures among them, and their time. */
  stats(): ScriptStats
}

export interface ScriptStats {
  readonly totalExecutions: number
  readonly totalErrors: number
  readonly averageDurationMs: number
  /** When the last run started (ISO 8601), when there was one. */
  readonly lastExecutionAt?: string
}

const STACK_BYTES = 1024 * 1024

export function createScriptRunner(
  clock: () => number = () => performance.now(),
  wallClock: () => number = Date.now,
): ScriptRunner {
  let module: Promise<QuickJSWASMModule> | undefined
  const counts = { runs: 0, errors: 0, totalMs: 0, lastAt: undefined as number | undefined }
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
    if (step.refusal !== undefined) throw new EngineError('POLICY_DENIED', step.refusal)
    const started = clock()
    counts.runs++
    counts.lastAt = wallClock()
    try {
      return await execute(step, context)
    } catch (error) {
      counts.errors++
      throw error
    } finally {
      counts.totalMs += clock() - started
    }
  }
  const execute: ScriptRunner['run'] = async (step, context) => {
    const sources = await readSources(step)
    const quickjs = await load()
    const runtime = quickjs.newRuntime()
    const deadline = clock() + step.timeoutMs
    runtime.setMemoryLimit(step.memoryBytes)
    runtime.setMaxStackSize(STACK_BYTES)
    runtime.setInterruptHandler(() => clock() > deadline)
    const vm = runtime.newContext()
    try {
      const json = vm.newString(JSON.stringify(context))
      vm.setProp(vm.global, '__capstanContext', json)
      json.dispose()
      check(
        step,
        vm,
        'context',
        vm.evalCode(
          'globalThis.context = JSON.parse(globalThis.__capstanContext); delete globalThis.__capstanContext',
          'context.js',
        ),
      )
      for (const [file, code] of sources) check(step, vm, file, vm.evalCode(code, file))
      const out = check(
        step,
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

/** The step's files, dependencies first, each read only when its real path stays in the location. */
async function readSources(step: ScriptStep): Promise<[string, string][]> {
  let root: string
  try {
    root = await realpath(step.root)
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
function check(step: ScriptStep, vm: QuickJSContext, file: string, result: Evaluated): unknown {
  if ('error' in result && result.error !== undefined) {
    const error = dumpAndDispose(vm, result.error) as
      { name?: string; message?: string; stack?: string } | string
    const name = typeof error === 'object' && error !== null ? (error.name ?? 'Error') : 'Error'
    const message =
      typeof error === 'object' && error !== null ? (error.message ?? '') : String(error)
    if (name === 'InternalError' && message === 'interrupted')
      throw new EngineError(
        'SCRIPT_FAILED',
        `Script step "${step.name}" ran past its ${step.timeoutMs} ms timeout (in ${file}).`,
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
