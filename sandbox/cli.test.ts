import { describe, expect, it } from 'vitest'
import { sandboxCommand, type SandboxCommandIo } from './cli.js'
import { DEMO_IDS, SANDBOX_CREDENTIALS } from './index.js'

function io(onSignal?: SandboxCommandIo['onSignal']) {
  const out: string[] = []
  const err: string[] = []
  const value: SandboxCommandIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: {},
    ...(onSignal ? { onSignal } : {}),
  }
  return { value, out, err }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
}

describe('capstan sandbox', () => {
  it('--print-demo-ids prints exactly the DEMO_IDS JSON', async () => {
    const t = io()
    expect(await sandboxCommand(['--print-demo-ids'], t.value)).toBe(0)
    expect(t.out.join('')).toBe(JSON.stringify(DEMO_IDS) + '\n')
  })

  it('exits 2 with a message on an unknown option or a bad port', async () => {
    const a = io()
    expect(await sandboxCommand(['--nope'], a.value)).toBe(2)
    expect(a.err.join('')).toContain('unknown option --nope')
    const b = io()
    expect(await sandboxCommand(['--port', 'eighty'], b.value)).toBe(2)
    expect(b.err.join('')).toContain('--port')
    const c = io()
    expect(await sandboxCommand(['--data'], c.value)).toBe(2)
  })

  it('serves until a signal, printing the URL and credentials', async () => {
    let stop: ((signal: string) => void) | undefined
    let removed = false
    const t = io((handler) => {
      stop = handler
      return () => {
        removed = true
      }
    })
    const running = sandboxCommand(['--host', '127.0.0.1', '--port=0'], t.value)
    await until(() => stop !== undefined)
    const text = t.out.join('')
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1] as string
    expect(url).toBeDefined()
    expect(text).toContain(`export QOVERY_API_KEY=${SANDBOX_CREDENTIALS.QOVERY_API_KEY}`)
    expect(text).toContain(`export SCALEWAY_API_KEY=${SANDBOX_CREDENTIALS.SCALEWAY_API_KEY}`)
    const res = await fetch(`${url}/job/${DEMO_IDS.qovery.jobId}/secret`, {
      headers: { authorization: `Token ${SANDBOX_CREDENTIALS.QOVERY_API_KEY}` },
    })
    expect(res.status).toBe(200)
    stop?.('SIGTERM')
    expect(await running).toBe(0)
    expect(removed).toBe(true)
    await expect(fetch(url)).rejects.toThrow()
  })

  it('exits 3 with a clear message when the data file is unusable', async () => {
    const t = io(() => () => {})
    const code = await sandboxCommand(['--data', '/proc/version'], t.value)
    expect(code).toBe(3)
    expect(t.err.join('')).toContain('/proc/version')
  })
})
