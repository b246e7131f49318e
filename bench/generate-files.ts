/** Writes many renamed copies of the bench capability, for the 1,000-file loads. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './processes.js'
import { CAPABILITY } from './settings.js'

export function generateFiles(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'capstan-bench-'))
  const template = readFileSync(join(ROOT, CAPABILITY), 'utf8')
  for (let i = 0; i < count; i++) {
    const text = template
      .replace('namespace: bench\n', `namespace: b${i}\n`)
      .replaceAll('call: bench.', `call: b${i}.`)
      .replace('namespace: bench-rest', `namespace: b${i}-rest`)
      .replace('namespace: bench-mcp', `namespace: b${i}-mcp`)
      .replaceAll('path: /v1/', `path: /v1/f${i}/`)
      .replaceAll('- name: get-', `- name: f${i}-get-`)
    writeFileSync(join(dir, `cap-${String(i).padStart(4, '0')}.yaml`), text)
  }
  return dir
}
