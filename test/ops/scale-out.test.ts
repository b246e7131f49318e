/**
 * Issue 9: three `capstan run` processes behind a local nginx load balancer; one is killed mid-load
 * and every REST GET and stateless (2026-07-28) MCP call through the balancer still succeeds.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { freePort } from '../support/free-port.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'

const NGINX = ['nginx', '/usr/sbin/nginx'].find((bin) => spawnSync(bin, ['-v']).status === 0)
if (!NGINX)
  process.stderr.write(
    'scale-out test: nginx is not installed (apt-get install -y nginx-light); the load-balancer test is not registered.\n',
  )

const ENTRY =
  "const m = await import('./src/cli/main.ts'); process.exitCode = await m.main(process.argv.slice(1))"
const CONTAINER = '7a2c9e4f-1d6b-4a8e-b3f5-0c7d2e9a6b18'

interface Instance {
  readonly child: ChildProcess
  readonly rest: number
  readonly mcp: number
  readonly control: number
}

const instances: Instance[] = []
let nginx: ChildProcess | undefined
let dir: string
let lbRest: string
let lbMcp: string

async function waitReady(control: number, deadlineMs: number): Promise<void> {
  while (Date.now() < deadlineMs) {
    try {
      if ((await fetch(`http://127.0.0.1:${control}/health/ready`)).status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`instance with control port ${control} did not become ready`)
}

function nginxConfig(
  backends: readonly Pick<Instance, 'rest' | 'mcp'>[],
  dir: string,
  restPort: number,
  mcpPort: number,
): string {
  const servers = (pick: (i: Pick<Instance, 'rest' | 'mcp'>) => number) =>
    backends.map((i) => `    server 127.0.0.1:${pick(i)} max_fails=1 fail_timeout=30s;`).join('\n')
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream capstan_rest {
${servers((i) => i.rest)}
  }
  upstream capstan_mcp {
${servers((i) => i.mcp)}
  }
  server {
    listen 127.0.0.1:${restPort};
    location / {
      proxy_pass http://capstan_rest;
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      proxy_set_header Host 127.0.0.1;
    }
  }
  server {
    listen 127.0.0.1:${mcpPort};
    location / {
      proxy_pass http://capstan_mcp;
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      proxy_buffering off;
      proxy_set_header Host 127.0.0.1;
    }
  }
}
`
}

describe('load-balancer config', () => {
  it('lists every instance and retries idempotent requests on the next one', () => {
    const text = nginxConfig(
      [
        { rest: 1001, mcp: 2001 },
        { rest: 1002, mcp: 2002 },
      ],
      '/tmp/x',
      80,
      81,
    )
    expect(text.match(/server 127\.0\.0\.1:100\d/g)).toEqual([
      'server 127.0.0.1:1001',
      'server 127.0.0.1:1002',
    ])
    expect(text.match(/proxy_next_upstream error timeout http_502;/g)).toHaveLength(2)
    expect(text).toContain('listen 127.0.0.1:80;')
  })
})

if (NGINX) {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'capstan-lb-'))
    for (let n = 0; n < 3; n++) {
      const [rest, mcp, control] = [await freePort(), await freePort(), await freePort()]
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          ENTRY,
          '--',
          'run',
          '--sandbox',
          'examples/seeds',
          '--rest-port',
          String(rest),
          '--mcp-port',
          String(mcp),
          '--control-port',
          String(control),
          '--log-level',
          'warn',
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] },
      )
      child.stderr?.resume()
      instances.push({ child, rest, mcp, control })
    }
    const deadline = Date.now() + 45_000
    for (const i of instances) await waitReady(i.control, deadline)
    const [restPort, mcpPort] = [await freePort(), await freePort()]
    writeFileSync(join(dir, 'nginx.conf'), nginxConfig(instances, dir, restPort, mcpPort))
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    nginx.stderr?.resume()
    lbRest = `http://127.0.0.1:${restPort}`
    lbMcp = `http://127.0.0.1:${mcpPort}/mcp`
    while (Date.now() < deadline) {
      try {
        await fetch(lbRest)
        break
      } catch {
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }, 60_000)

  afterAll(async () => {
    nginx?.kill('SIGTERM')
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL')
    await Promise.all(
      [nginx, ...instances.map((i) => i.child)].map((c) =>
        c && c.exitCode === null && c.signalCode === null
          ? new Promise((r) => c.once('exit', r))
          : undefined,
      ),
    )
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  describe('scale-out behind nginx', () => {
    it('keeps serving REST and stateless MCP when one instance dies mid-load', async () => {
      const restFailures: string[] = []
      const mcpFailures: string[] = []
      let restDone = 0
      let mcpDone = 0
      let stop = false
      const rest = Array.from({ length: 4 }, async () => {
        // Bounded: at most 300 requests per client.
        for (let n = 0; n < 300 && !stop; n++) {
          try {
            const res = await fetch(`${lbRest}/v1/container/${CONTAINER}/secret`)
            await res.arrayBuffer()
            if (res.status !== 200) restFailures.push(`HTTP ${res.status}`)
          } catch (error) {
            restFailures.push((error as Error).message)
          }
          restDone++
        }
      })
      const mcpAfterKill: boolean[] = []
      let killed = false
      const mcp = (async () => {
        // A 2026-07-28 client: no session, every request stands alone, so any instance may answer.
        const client = new Client(
          { name: 'lb-test', version: '1.0.0' },
          { versionNegotiation: { mode: 'auto' } },
        )
        await client.connect(new StreamableHTTPClientTransport(new URL(lbMcp)))
        expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28')
        for (let n = 0; n < 150 && !stop; n++) {
          const after = killed
          try {
            const { tools } = await client.listTools()
            if (tools.length === 0) throw new Error('no tools')
            mcpAfterKill.push(after)
          } catch (error) {
            mcpFailures.push(`${after ? 'after' : 'during'} kill: ${(error as Error).message}`)
          }
          mcpDone++
        }
        await client.close()
      })()
      await new Promise((r) => setTimeout(r, 500))
      instances[1]!.child.kill('SIGKILL')
      // A request sent while the process is still dying may reach it; count "after" once it is gone.
      await new Promise((r) => instances[1]!.child.once('exit', r))
      await new Promise((r) => setTimeout(r, 100))
      killed = true
      await new Promise((r) => setTimeout(r, 1500))
      stop = true
      await Promise.all([...rest, mcp])
      expect(restFailures).toEqual([])
      expect(restDone).toBeGreaterThan(50)
      // A POST in flight on the killed instance is not retried (not idempotent); later ones all succeed.
      expect(mcpFailures.filter((f) => f.startsWith('after'))).toEqual([])
      expect(mcpFailures.length).toBeLessThanOrEqual(1)
      expect(mcpAfterKill.filter(Boolean).length).toBeGreaterThan(5)
      expect(mcpDone).toBeGreaterThan(10)
      // The survivors are still ready.
      for (const i of [instances[0]!, instances[2]!])
        expect((await fetch(`http://127.0.0.1:${i.control}/health/ready`)).status).toBe(200)
    }, 60_000)
  })
}
