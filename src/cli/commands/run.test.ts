/** `capstan run` on the seeds: one REST port and one MCP port for all four, with the surfaces printed. */
import { describe, expect, it } from 'vitest'
import { runCommand, parseRunFlags } from './run.js'

describe('capstan run', () => {
  it('serves the four seeds together and stops cleanly on a signal', async () => {
    let out = ''
    let stop: ((s: string) => void) | undefined
    const v8Flags: string[] = []
    const code = runCommand(
      ['examples/seeds/*.yaml', '--rest-port', '0', '--mcp-port', '0', '--log-level', 'error'],
      {
        stdout: (t) => (out += t),
        stderr: () => {},
        cwd: process.cwd(),
        env: { QOVERY_API_KEY: 'k1', SCALEWAY_API_KEY: 'k2' },
        onSignal: (h) => ((stop = h), () => {}),
        execArgv: [],
        setV8Flags: (f) => v8Flags.push(f),
      },
    )
    for (let i = 0; i < 100 && !out.includes('Press Ctrl+C'); i++)
      await new Promise((r) => setTimeout(r, 50))
    expect(out).toContain('serving 4 capability file(s)')
    const rest = [...out.matchAll(/^REST\s+(\S+)/gm)].map((m) => m[1])
    const mcp = new Set([...out.matchAll(/^MCP\s+(http:\/\/[^/\s]+)/gm)].map((m) => m[1]))
    expect(rest).toHaveLength(1)
    expect(mcp.size).toBe(1)
    expect(out).toMatch(/MCP\s+http:\/\/127\.0\.0\.1:\d+\/mcp\n/)
    expect((await fetch(`${rest[0]}/openapi.json`)).status).toBe(200)
    // V8's full-collection pacing for serving, set once the files are loaded
    expect(v8Flags).toEqual(['--heap-growing-percent=300'])
    stop!('SIGTERM')
    expect(await code).toBe(0)
  })

  it('refuses to start without the bound credentials, naming the variable', async () => {
    let err = ''
    const code = await runCommand(
      ['examples/seeds/qovery-job-secret.yaml', '--rest-port', '0', '--mcp-port', '0'],
      {
        stdout: () => {},
        stderr: (t) => (err += t),
        cwd: process.cwd(),
        env: {},
        onSignal: () => () => {},
      },
    )
    expect(code).toBe(1)
    expect(err).toContain('QOVERY_API_KEY')
  })

  it('reads flags from the environment and reports bad ones', () => {
    const flags = parseRunFlags(['x.yaml'], {
      CAPSTAN_REST_PORT: '7001',
      CAPSTAN_UPSTREAM: 'a=http://127.0.0.1:1,*=http://127.0.0.1:2',
      CAPSTAN_SANDBOX: '1',
    })
    expect(flags).toMatchObject({ restPort: 7001, sandbox: true })
    expect(typeof flags !== 'string' && [...flags.upstreams.entries()]).toEqual([
      ['a', 'http://127.0.0.1:1'],
      ['*', 'http://127.0.0.1:2'],
    ])
    expect(parseRunFlags(['x.yaml', '--rest-port', 'abc'], {})).toMatch(
      /--rest-port must be a port/,
    )
    expect(parseRunFlags(['x.yaml'], { CAPSTAN_HEAP_GROWING_PERCENT: '0' })).toMatchObject({
      heapGrowingPercent: 0,
    })
    expect(parseRunFlags(['x.yaml', '--heap-growing-percent', 'big'], {})).toMatch(
      /--heap-growing-percent must be a whole number/,
    )
  })
})
