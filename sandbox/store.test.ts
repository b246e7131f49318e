import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeClient } from './contract/client.js'
import { DataFileError, DEMO_IDS, SANDBOX_CREDENTIALS, startSandbox } from './index.js'
import { loadStateFile, saveStateFile } from './store.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'capstan-sandbox-'))
  dirs.push(d)
  return d
}
const base = `/container/${DEMO_IDS.qovery.containerId}/secret`
const auth = { authorization: `Bearer ${SANDBOX_CREDENTIALS.QOVERY_API_KEY}` }

describe('saveStateFile', () => {
  it('replaces the file through a renamed temp file and leaves no temp behind', () => {
    const dir = tempDir()
    const file = join(dir, 'state.json')
    saveStateFile(file, { n: 1 }, 'a')
    const firstInode = statSync(file).ino
    saveStateFile(file, { n: 2 }, 'b')
    expect(loadStateFile(file)).toEqual({ n: 2 })
    // A new inode shows the file was swapped in by rename, not rewritten in place.
    expect(statSync(file).ino).not.toBe(firstInode)
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('throws a DataFileError naming the file and removes the temp file when it cannot write', () => {
    const dir = tempDir()
    const target = join(dir, 'occupied')
    mkdirSync(target)
    expect(() => saveStateFile(target, { n: 1 }, 'x')).toThrow(DataFileError)
    expect(() => saveStateFile(target, { n: 1 }, 'x')).toThrow(/occupied/)
    expect(readdirSync(dir)).toEqual(['occupied'])
  })

  it('returns undefined for a missing file', () => {
    expect(loadStateFile(join(tempDir(), 'absent.json'))).toBeUndefined()
  })
})

describe('startSandbox with dataFile', () => {
  it('saves after each mutation and restores the state after a restart', async () => {
    const file = join(tempDir(), 'sandbox.json')
    const first = await startSandbox({ dataFile: file })
    const created = await makeClient(first.url, auth)('POST', base, {
      body: { key: 'SURVIVES', value: 'v' },
    })
    expect(created.status).toBe(201)
    // Saved before the response was sent, so it is on disk without closing the sandbox.
    expect(readFileSync(file, 'utf8')).toContain(created.body.id)
    await first.close()

    const second = await startSandbox({ dataFile: file })
    try {
      const list = await makeClient(second.url, auth)('GET', base)
      expect(list.body.results.map((s: { key: string }) => s.key)).toContain('SURVIVES')
      second.reset()
      expect(readFileSync(file, 'utf8')).not.toContain(created.body.id)
    } finally {
      await second.close()
    }
  })

  it('ignores a temp file left by a crash and keeps the last complete state', async () => {
    const dir = tempDir()
    const file = join(dir, 'sandbox.json')
    const sb = await startSandbox({ dataFile: file })
    await sb.close()
    const good = readFileSync(file, 'utf8')
    writeFileSync(join(dir, '.sandbox.json.999.1.tmp'), '{"format": "capstan-sandbox-st')
    const again = await startSandbox({ dataFile: file })
    await again.close()
    expect(readFileSync(file, 'utf8')).toBe(good)
  })

  it('refuses a corrupt data file with a message naming it', async () => {
    const file = join(tempDir(), 'broken.json')
    writeFileSync(file, '{ not json')
    await expect(startSandbox({ dataFile: file })).rejects.toThrow(/broken\.json/)
    writeFileSync(file, '{"format":"something-else"}')
    await expect(startSandbox({ dataFile: file })).rejects.toThrow(DataFileError)
  })
})
