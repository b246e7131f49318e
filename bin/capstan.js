#!/usr/bin/env node
import module from 'node:module'

// Node 22+ keeps compiled code of our modules between starts (no-op on Node 20)
module.enableCompileCache?.()
const { main } = await import('../dist/src/cli/main.js')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    process.stderr.write('capstan: internal error\n')
    process.exitCode = 3
  },
)
