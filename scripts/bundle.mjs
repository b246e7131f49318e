// Build step: one CommonJS file for the `capstan` command (dist/capstan.cjs). Loading ~400 modules
// one by one was most of the start-up; one file is read, compiled and code-cached at once.
import { cpSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const root = new URL('../', import.meta.url)
await build({
  absWorkingDir: root.pathname,
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/capstan.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // libraries loaded on first use stay out of the bundle (and out of every start)
  external: [
    'avsc',
    'protobufjs',
    'fast-xml-parser',
    'yazl',
    'quickjs-emscripten-core',
    '@jitl/quickjs-wasmfile-release-sync',
  ],
  // the SDK's elicitation validator (Ajv) loads on first use, not at start (see the file)
  alias: { '@modelcontextprotocol/server/_shims': './scripts/sdk-node-shims.cjs' },
  // modules that resolve files beside themselves see the bundle's own URL
  define: { 'import.meta.url': '__capstan_bundle_url' },
  banner: { js: "var __capstan_bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
})
// the precompiled schema validators, beside the bundle where its createValidator looks
rmSync(new URL('dist/generated', root), { recursive: true, force: true })
cpSync(new URL('dist/src/spec/generated', root), new URL('dist/generated', root), {
  recursive: true,
})
