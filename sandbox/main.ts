/** Standalone entry: `node --import tsx sandbox/main.ts [--port N] [--data FILE]`. */
import { sandboxCommand } from './cli.js'

sandboxCommand(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    process.stderr.write('capstan sandbox: internal error\n')
    process.exitCode = 3
  },
)
