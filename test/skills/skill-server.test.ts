/**
 * The skill surface over real HTTP on 127.0.0.1: the example capability's catalog, its tools'
 * invocation refs followed to the real MCP and REST surfaces, files, the zip, and what is refused.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromBuffer, type Entry, type ZipFile } from 'yauzl'
import { MAX_SKILL_FILES } from '../../src/adapters/skill/skill-files.js'
import { startEngine, type Engine, type EngineOptions } from '../../src/cli/start-engine.js'
import { raw } from '../security/raw-request.js'
import { collectLogs } from '../support/collect-logs.js'

const SKILL_DIR = 'examples/skills/api-token-ops'
let engine: Engine
let skills: string
let rest: string
let mcp: string
let control: string

beforeAll(async () => {
  engine = await startEngine({
    paths: ['examples/skills'],
    cwd: process.cwd(),
    sandbox: true,
    restPort: 0,
    mcpPort: 0,
    skillPort: 0,
    controlPort: 0,
    logDestination: collectLogs().stream,
    env: {},
  })
  const by = (type: string) =>
    engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === type))!.url
  skills = `${by('skill')}/skills`
  rest = by('rest')
  mcp = `${by('mcp')}/mcp`
  control = by('control')
})
afterAll(() => engine?.close())

describe('skill catalog', () => {
  it('lists each skill with its license and tool names, in declaration order', async () => {
    const res = await fetch(skills)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({
      count: 1,
      skills: [
        {
          name: 'api-token-ops',
          description: expect.stringMatching(/^Audit and rotate Qovery organization API tokens\./),
          license: 'Apache-2.0',
          tools: ['list-api-tokens', 'list-api-tokens-rest', 'delete-api-token', 'rotation-guide'],
        },
      ],
    })
  })

  it('describes a skill: frontmatter as declared, derived tools with their invocation ref', async () => {
    const res = await fetch(`${skills}/api-token-ops`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toEqual({
      name: 'api-token-ops',
      description: expect.any(String),
      license: 'Apache-2.0',
      'argument-hint': 'organization id',
      'allowed-tools': 'list-api-tokens delete-api-token',
      metadata: { category: 'security' },
      tools: [
        {
          name: 'list-api-tokens',
          description: "List the organization's API tokens (MCP tool).",
          type: 'derived',
          invocationRef: { targetNamespace: 'tokens-mcp', action: 'list-api-tokens', mode: 'mcp' },
        },
        {
          name: 'list-api-tokens-rest',
          description: 'The same list over REST.',
          type: 'derived',
          invocationRef: {
            targetNamespace: 'tokens-rest',
            action: 'list-api-tokens',
            mode: 'rest',
          },
        },
        {
          name: 'delete-api-token',
          description: 'Revoke one token (MCP tool; destructive).',
          type: 'derived',
          invocationRef: { targetNamespace: 'tokens-mcp', action: 'delete-api-token', mode: 'mcp' },
        },
        {
          name: 'rotation-guide',
          description: 'How to rotate a token without downtime.',
          type: 'instruction',
          instruction: 'guides/rotation.md',
        },
      ],
    })
  })

  it('points at tools an agent can call: the MCP ref through the MCP client, the REST ref over REST', async () => {
    const detail = (await (await fetch(`${skills}/api-token-ops`)).json()) as {
      tools: { invocationRef?: { targetNamespace: string; action: string; mode: string } }[]
    }
    const organizationId = (engine.sandbox!.demoIds as { qovery: Record<string, string> }).qovery
      .organizationId!
    const mcpRef = detail.tools[0]!.invocationRef!
    const client = new Client(
      { name: 'skill-test', version: '1.0.0' },
      { versionNegotiation: { mode: 'auto' } },
    )
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${mcp}/${mcpRef.targetNamespace}`)),
    )
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name)).toContain(mcpRef.action)
    const result = await client.callTool({ name: mcpRef.action, arguments: { organizationId } })
    await client.close()
    expect(result.isError).not.toBe(true)
    const listed = JSON.stringify(result.structuredContent ?? result.content)
    expect(listed).toMatch(/"results"/)

    const viaRest = await fetch(`${rest}/v1/organizations/${organizationId}/api-tokens`)
    expect(viaRest.status).toBe(200)
    expect(JSON.stringify(await viaRest.json())).toBe(
      JSON.stringify(
        result.structuredContent ?? JSON.parse((result.content as { text: string }[])[0]!.text),
      ),
    )
  })
})

describe('skill files', () => {
  it('lists the location recursively, sorted, with sizes and media types', async () => {
    const res = await fetch(`${skills}/api-token-ops/contents`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      name: 'api-token-ops',
      files: [
        {
          path: 'SKILL.md',
          size: readFileSync(join(SKILL_DIR, 'SKILL.md')).length,
          type: 'text/markdown',
        },
        {
          path: 'guides/rotation.md',
          size: readFileSync(join(SKILL_DIR, 'guides/rotation.md')).length,
          type: 'text/markdown',
        },
      ],
    })
  })

  it('serves an instruction file as it is on disk, never as a page of this origin', async () => {
    const res = await fetch(`${skills}/api-token-ops/contents/guides/rotation.md`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/)
    expect(await res.text()).toBe(readFileSync(join(SKILL_DIR, 'guides/rotation.md'), 'utf8'))
    const head = await fetch(`${skills}/api-token-ops/contents/SKILL.md`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(
      String(readFileSync(join(SKILL_DIR, 'SKILL.md')).length),
    )
  })

  it('answers a conditional GET for an unchanged file with 304 and no body', async () => {
    const url = `${skills}/api-token-ops/contents/guides/rotation.md`
    const first = await fetch(url)
    await first.arrayBuffer()
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/)
    const again = await fetch(url, { headers: { 'if-none-match': etag } })
    expect([again.status, again.headers.get('etag'), await again.text()]).toEqual([304, etag, ''])
    const since = await fetch(url, {
      headers: { 'if-modified-since': first.headers.get('last-modified')! },
    })
    expect(since.status).toBe(304)
    const stale = await fetch(url, { headers: { 'if-none-match': 'W/"0-0"' } })
    expect(stale.status).toBe(200)
    expect(await stale.text()).toBe(readFileSync(join(SKILL_DIR, 'guides/rotation.md'), 'utf8'))
  })

  it('downloads the whole location as a zip that unpacks to the same files', async () => {
    const res = await fetch(`${skills}/api-token-ops/download`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="api-token-ops.zip"')
    const entries = await unzip(Buffer.from(await res.arrayBuffer()))
    expect([...entries.keys()]).toEqual(['SKILL.md', 'guides/rotation.md'])
    for (const [path, data] of entries)
      expect(data.equals(readFileSync(join(SKILL_DIR, path)))).toBe(true)
  })

  it('answers an unknown skill, file or sub-path with a 404 problem', async () => {
    for (const path of [
      '/nope',
      '/nope/contents',
      '/api-token-ops/contents/missing.md',
      '/api-token-ops/other',
    ]) {
      const res = await fetch(`${skills}${path}`)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND')
    }
  })

  it('refuses traversal and encoded separators with a 400, and reads nothing outside', async () => {
    const base = new URL(skills)
    for (const path of [
      '../../qovery-api-tokens.yaml',
      '..%2f..%2fqovery-api-tokens.yaml',
      '%2e%2e/%2e%2e/qovery-api-tokens.yaml',
      'guides%2frotation.md',
      'guides%5crotation.md',
      'SKILL.md%00.txt',
      '%E0%A4%A',
    ]) {
      const res = await raw(base.origin, 'GET', `${base.pathname}/api-token-ops/contents/${path}`)
      expect(res.status, path).toBe(400)
      expect(res.body, path).not.toContain('naftiko:')
    }
  })

  it('answers other methods with 405 and the allowed ones', async () => {
    const res = await fetch(`${skills}/api-token-ops`, { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD')
  })

  it('counts skill requests in the metrics under their own surface and route shape', async () => {
    await (await fetch(`${skills}/api-token-ops/contents/SKILL.md`)).text()
    const text = await (await fetch(`${control}/metrics`)).text()
    expect(text).toMatch(
      /naftiko_request_total\{naftiko_adapter_type="skill",naftiko_operation_id="GET \/skills\/\{name\}\/contents\/\{file\}",status="200"\} \d+/,
    )
    expect(text).not.toContain('rotation.md')
  })
})

describe('a skill location with symlinks and no location at all', () => {
  let local: Engine
  let base: string
  beforeAll(async () => {
    local = await skillFixture('').start()
    base = skillsUrl(local)
  })
  afterAll(() => local?.close())

  it('lists and zips a symlink that stays inside, and never one that leads out', async () => {
    const listing = (await (await fetch(`${base}/with-files/contents`)).json()) as {
      files: { path: string }[]
    }
    expect(listing.files.map((f) => f.path)).toEqual(['alias.md', 'docs/inside.md'])
    expect(await (await fetch(`${base}/with-files/contents/alias.md`)).text()).toBe('# inside\n')
    const escape = await fetch(`${base}/with-files/contents/escape.txt`)
    expect(escape.status).toBe(400)
    expect(await escape.text()).not.toContain('outside the location')
    const zip = await unzip(
      Buffer.from(await (await fetch(`${base}/with-files/download`)).arrayBuffer()),
    )
    expect([...zip.keys()]).toEqual(['alias.md', 'docs/inside.md'])
  })

  it('never lists, zips or serves hidden files and directories (.env, .git, .drafts)', async () => {
    for (const path of ['.env', '.git/config', 'docs/.drafts/next.md', '%2eenv']) {
      const res = await fetch(`${base}/with-files/contents/${path}`)
      expect(res.status, path).toBe(404)
      expect(await res.text(), path).not.toContain('hidden-value')
    }
    const zip = await fetch(`${base}/with-files/download`)
    expect(Buffer.from(await zip.arrayBuffer()).includes('.env')).toBe(false)
  })

  it('answers 404 for the files of a skill without a location, and lists it with no tools', async () => {
    expect((await fetch(`${base}/descriptive/contents`)).status).toBe(404)
    expect((await fetch(`${base}/descriptive/download`)).status).toBe(404)
    expect(await (await fetch(`${base}/descriptive`)).json()).toEqual({
      name: 'descriptive',
      description: 'No location, no tools.',
      tools: [],
    })
  })
})

describe('conditional GET of a listing and a zip', () => {
  it('tags both by the files they hold: 304 while unchanged, a new tag once a file is added or edited', async () => {
    const fixture = skillFixture('')
    const local = await fixture.start()
    try {
      const base = `${skillsUrl(local)}/with-files`
      for (const path of ['/contents', '/download']) {
        const first = await fetch(`${base}${path}`)
        await first.arrayBuffer()
        const etag = first.headers.get('etag')!
        expect(etag, path).toMatch(/^W\/"[0-9a-f]{16}"$/)
        // no Last-Modified: a deleted file would not make the newest mtime any newer
        expect(first.headers.get('last-modified'), path).toBeNull()
        const again = await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })
        expect([again.status, again.headers.get('etag'), await again.text()], path).toEqual([
          304,
          etag,
          '',
        ])
        // a hidden file is not part of either, so editing it changes nothing
        writeFileSync(join(fixture.root, 'skill', '.env'), `EDITED=${path}\n`)
        const hidden = await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })
        expect(hidden.status, path).toBe(304)
        writeFileSync(join(fixture.root, 'skill', 'docs', `added${path.slice(1)}.md`), '# new\n')
        const changed = await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })
        expect(changed.status, path).toBe(200)
        expect(changed.headers.get('etag'), path).not.toBe(etag)
        await changed.arrayBuffer()
      }
    } finally {
      await local.close()
    }
  })
})

describe('a reload and a location too large to list', () => {
  it('serves the edited catalog after a --watch reload', async () => {
    const { file, start } = skillFixture('')
    const watched = await start({ watch: true })
    try {
      const base = skillsUrl(watched)
      writeFileSync(file, readFileSync(file, 'utf8').replace('Has a location.', 'Edited.'))
      expect((await watched.reload!()).kind).toBe('reloaded')
      const catalog = (await (await fetch(base)).json()) as { skills: { description: string }[] }
      expect(catalog.skills[0]!.description).toBe('Edited.')
    } finally {
      await watched.close()
    }
  })

  it('answers 413 naming the skill rather than a listing or zip with files missing', async () => {
    const { root, start } = skillFixture('')
    const many = join(root, 'skill', 'many')
    mkdirSync(many)
    for (let i = 0; i < MAX_SKILL_FILES; i++) writeFileSync(join(many, `f${i}.txt`), '')
    const big = await start()
    try {
      for (const path of ['contents', 'download']) {
        const res = await fetch(`${skillsUrl(big)}/with-files/${path}`)
        expect(res.status, path).toBe(413)
        expect(((await res.json()) as { detail: string }).detail).toContain('"with-files"')
      }
    } finally {
      await big.close()
    }
  })
})

describe('a skill expose with inbound authentication', () => {
  it('asks every skill path for the credential, and serves it with one', async () => {
    const { start } = skillFixture(`      authentication:
        type: bearer
        token: '{{env.SKILL_TOKEN}}'
`)
    const secured = await start({ env: { SKILL_TOKEN: 'skill-token-1' } })
    try {
      const base = skillsUrl(secured)
      for (const path of [
        '',
        '/with-files',
        '/with-files/contents/alias.md',
        '/with-files/download',
        '/nope',
      ]) {
        const res = await fetch(`${base}${path}`, { headers: { authorization: 'Bearer wrong' } })
        expect(res.status, path).toBe(401)
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /)
      }
      const ok = await fetch(`${base}/with-files/contents/alias.md`, {
        headers: { authorization: 'Bearer skill-token-1' },
      })
      expect(ok.status).toBe(200)
      expect(await ok.text()).toBe('# inside\n')
    } finally {
      await secured.close()
    }
  })

  it('is required before a skill expose listens beyond loopback', async () => {
    const { start } = skillFixture('')
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/skill expose "files"/)
  })
})

/** A capability with an MCP expose and a skill expose (`auth` is added to it) over a temp location. */
function skillFixture(auth: string): {
  root: string
  file: string
  start: (options?: Partial<EngineOptions>) => Promise<Engine>
} {
  const root = mkdtempSync(join(tmpdir(), 'capstan-skill-'))
  const dir = join(root, 'skill')
  mkdirSync(join(dir, 'docs'), { recursive: true })
  writeFileSync(join(dir, 'docs', 'inside.md'), '# inside\n')
  writeFileSync(join(root, 'outside.txt'), 'outside the location\n')
  symlinkSync(join(dir, 'docs', 'inside.md'), join(dir, 'alias.md'))
  symlinkSync(join(root, 'outside.txt'), join(dir, 'escape.txt'))
  writeFileSync(join(dir, '.env'), 'QOVERY_API_KEY=hidden-value\n')
  mkdirSync(join(dir, '.git'))
  writeFileSync(join(dir, '.git', 'config'), '[core]\n')
  mkdirSync(join(dir, 'docs', '.drafts'))
  writeFileSync(join(dir, 'docs', '.drafts', 'next.md'), '# draft\n')
  const file = join(root, 'cap.yaml')
  writeFileSync(
    file,
    `naftiko: 1.0.0-alpha2
info:
  label: Skill files
  description: A skill location with symlinks, and a skill without one.
${auth === '' ? '' : 'binds:\n  - namespace: env\n    keys: {SKILL_TOKEN: SKILL_TOKEN}\n'}capability:
  exposes:
    - type: mcp
      namespace: tools
      port: 9090
      tools:
        - name: hello
          description: Says hello.
          outputParameters:
            - name: greeting
              type: string
              value: hello
    - type: skill
      namespace: files
      port: 3002
${auth}      skills:
        - name: with-files
          description: Has a location.
          location: file:///./skill
        - name: descriptive
          description: No location, no tools.
`,
  )
  const start = (options: Partial<EngineOptions> = {}) =>
    startEngine({
      paths: [file],
      cwd: root,
      mcpPort: 0,
      skillPort: 0,
      logDestination: collectLogs().stream,
      env: {},
      ...options,
    })
  return { root, file, start }
}

function skillsUrl(engine: Engine): string {
  return `${engine.host.listeners.find((l) => l.surfaces.some((s) => s.type === 'skill'))!.url}/skills`
}

/** Entries of a zip by name, read with yauzl (CRC-checked), in archive order. */
async function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(data, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  )
  const out = new Map<string, Buffer>()
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e)
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('error', reject)
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks))
          zip.readEntry()
        })
      })
    })
    zip.on('end', () => resolve())
    zip.on('error', reject)
    zip.readEntry()
  })
  return out
}
