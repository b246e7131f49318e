/**
 * `capstan run` writes its log lines to stderr in batches: a line must still reach the operator
 * while the engine runs (not only when a batch fills), and no line may be lost when it stops.
 */
import type { ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnSeedsRun } from '../support/spawn-seeds-run.js'

const SECRETS = '/v1/container/7a2c9e4f-1d6b-4a8e-b3f5-0c7d2e9a6b18/secret'

let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

/** Access-log lines (`msg: request`) among what the engine wrote to stderr so far. */
function requestLines(stderr: string): Array<{ path: string; status: number }> {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; path: string; status: number })
    .filter((record) => record.msg === 'request')
}

describe('capstan run log lines', () => {
  it('reaches stderr while the engine runs, and every line is written when it stops', async () => {
    const run = await spawnSeedsRun()
    child = run.child
    const rest = run.rest
    await run.until(() => run.output.stdout.includes(String(rest)), 'the banner')

    const first = await fetch(`http://127.0.0.1:${rest}${SECRETS}`)
    expect(first.status).toBe(200)
    await first.arrayBuffer()
    // one short line is far below a batch: it must be written on time anyway
    await run.until(() => requestLines(run.output.stderr).length === 1, 'the first request line')
    expect(requestLines(run.output.stderr)[0]).toMatchObject({ path: SECRETS, status: 200 })

    for (let i = 0; i < 40; i++) {
      const res = await fetch(`http://127.0.0.1:${rest}/v1/no-such-route-${i}`)
      await res.arrayBuffer()
    }
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    const lines = requestLines(run.output.stderr)
    expect(lines).toHaveLength(41)
    expect(lines.slice(1).map((l) => l.path)).toEqual(
      Array.from({ length: 40 }, (_, i) => `/v1/no-such-route-${i}`),
    )
  })
})
