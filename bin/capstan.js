#!/usr/bin/env node
import module, { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { enableCompileCache } from '../dist/src/cli/compile-cache.js'

// compiled code of the bundle is kept between starts (Node 22: built in; Node 20: a loader hook)
const cache = enableCompileCache({
  root: fileURLToPath(new URL('../dist/', import.meta.url)),
  setting: process.env.CAPSTAN_COMPILE_CACHE,
  builtIn: module.enableCompileCache,
})
const bundle = fileURLToPath(new URL('../dist/capstan.cjs', import.meta.url))
const { main, processIo, openValidationCache } = createRequire(import.meta.url)(bundle)
// the parsed data and structural diagnostics of unchanged files are kept beside the compiled code
const validation = cache.dir === undefined ? undefined : openValidationCache(cache.dir, bundle)
setTimeout(() => {
  cache.flush()
  validation?.flush()
}, 2000).unref()
process.once('exit', () => {
  cache.flush({ all: true })
  validation?.flush()
})
const base = processIo()
const io = {
  ...base,
  // V8 rejects cached code made under other flags: write it before `run` tunes the heap
  setV8Flags(flags) {
    cache.seal()
    base.setV8Flags(flags)
  },
}
// a reader that goes away (`capstan … | head`) ends the output, without a stack trace
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  process.stderr.write(`capstan: cannot write output: ${error.message}\n`)
  process.exit(3)
})

main(
  process.argv.slice(2),
  validation === undefined ? io : { ...io, validationCache: validation, parseCache: validation },
).then(
  (code) => {
    process.exitCode = code
    // `run` has drained and flushed: a handle something else left open must not keep it alive
    if (process.argv[2] === 'run') setTimeout(() => process.exit(code), 1000).unref()
  },
  () => {
    process.stderr.write('capstan: internal error\n')
    process.exitCode = 3
  },
)
