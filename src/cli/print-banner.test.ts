import { afterEach, describe, expect, it } from 'vitest'
import { collectLogs } from '../../test/support/collect-logs.js'
import { printBanner } from './print-banner.js'
import { startEngine, type Engine } from './start-engine.js'

let engine: Engine | undefined
afterEach(() => engine?.close())

async function banner(paths: string[]): Promise<string> {
  engine = await startEngine({
    paths,
    cwd: process.cwd(),
    sandbox: true,
    restPort: 0,
    mcpPort: 0,
    skillPort: 0,
    logDestination: collectLogs().stream,
    env: {},
  })
  let text = ''
  printBanner(engine, (s) => (text += s))
  return text
}

/** The URLs of the banner's curl examples. */
const curls = (text: string) =>
  [...text.matchAll(/curl -s (?:-X POST )?'?(http[^' ]+)'?/g)].map((m) => m[1]!)

describe('start-up banner', () => {
  it('suggests only requests the served files answer, each of them 2xx against the sandbox', async () => {
    const text = await banner(['examples/skills'])
    const urls = curls(text)
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect((await fetch(url)).status, url).toBe(200)
    expect(text).toMatch(/^SKILL +http:\/\/127\.0\.0\.1:\d+\/skills$/m)
  })

  it('keeps the seed examples for the seeds, each of them 2xx against the sandbox', async () => {
    const text = await banner(['examples/seeds'])
    const gets = curls(text).filter((u) => !text.includes(`-X POST ${u}`))
    expect(gets).toHaveLength(3)
    for (const url of gets) expect((await fetch(url)).status, url).toBe(200)
  })
})
