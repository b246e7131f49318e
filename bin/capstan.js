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
setTimeout(() => cache.flush(), 2000).unref()
process.once('exit', () => cache.flush({ all: true }))
const { main } = createRequire(import.meta.url)('../dist/capstan.cjs')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    process.stderr.write('capstan: internal error\n')
    process.exitCode = 3
  },
)
