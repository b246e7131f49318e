/**
 * The skill surface: a read-only catalog of skills (`/skills`, `/skills/{name}`) and their files
 * (`/contents`, `/contents/{file…}`, `/download` as a zip). Tools are described, never run here.
 */
import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { pipeline } from 'node:stream/promises'
import { EngineError } from '../../errors.js'
import type { Skill, SkillExpose } from '../../model/types.js'
import type { HttpAdapter, RequestContext } from '../adapter.js'
import { writeError } from '../rest/to-problem.js'
import { fileEtag, isNotModified, treeEtag } from './not-modified.js'
import { listSkillFiles, locationRoot, mediaType, resolveSkillFile } from './skill-files.js'
import { zipSkill } from './zip-skill.js'

export const SKILLS_MOUNT = '/skills'

type Route =
  | { readonly kind: 'catalog' }
  | { readonly kind: 'detail' | 'contents' | 'download'; readonly skill: Skill }
  | { readonly kind: 'file'; readonly skill: Skill; readonly segments: readonly string[] }

/** Labels for logs and metrics: one per route shape, never the requested names. */
const LABELS: Readonly<Record<Route['kind'], string>> = {
  catalog: 'GET /skills',
  detail: 'GET /skills/{name}',
  contents: 'GET /skills/{name}/contents',
  file: 'GET /skills/{name}/contents/{file}',
  download: 'GET /skills/{name}/download',
}

/** Files are served as downloads of the catalog, never as pages of this origin. */
const FILE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
  'cache-control': 'no-cache',
}

export function createSkillAdapter(exposes: readonly SkillExpose[], logger: Logger): HttpAdapter {
  const skills = new Map<string, Skill>()
  for (const e of exposes) for (const s of e.skills) if (!skills.has(s.name)) skills.set(s.name, s)
  const catalog = Buffer.from(
    JSON.stringify({
      count: skills.size,
      skills: [...skills.values()].map((s) => ({
        name: s.name,
        description: s.description,
        ...(s.license === undefined ? {} : { license: s.license }),
        tools: s.tools.map((t) => t.name),
      })),
    }),
  )
  const details = new Map(
    [...skills.values()].map((s) => [s, Buffer.from(JSON.stringify(detail(s)))]),
  )

  const route = (pathname: string): Route | undefined => {
    const parts = pathname.slice(SKILLS_MOUNT.length).split('/').slice(1)
    if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) return { kind: 'catalog' }
    let name: string
    try {
      name = decodeURIComponent(parts[0]!)
    } catch {
      return undefined
    }
    const skill = skills.get(name)
    if (skill === undefined) return undefined
    if (parts.length === 1) return { kind: 'detail', skill }
    if (parts[1] === 'contents')
      return parts.length === 2 || (parts.length === 3 && parts[2] === '')
        ? { kind: 'contents', skill }
        : { kind: 'file', skill, segments: parts.slice(2) }
    if (parts[1] === 'download' && parts.length === 2) return { kind: 'download', skill }
    return undefined
  }

  const serve = async (req: IncomingMessage, res: ServerResponse, r: Route): Promise<void> => {
    const head = req.method === 'HEAD'
    switch (r.kind) {
      case 'catalog':
        return send(res, head, 'application/json', catalog)
      case 'detail':
        return send(res, head, 'application/json', details.get(r.skill)!)
      case 'contents': {
        const root = await locationRoot(r.skill.name, r.skill.location)
        const files = await listSkillFiles(r.skill.name, root)
        const etag = treeEtag(files)
        if (isNotModified(req.headers, etag, undefined)) return notModified(res, { etag })
        const body = JSON.stringify({
          name: r.skill.name,
          files: files.map((f) => ({
            path: f.path,
            size: f.size,
            type: mediaType(f.path).split(';')[0],
          })),
        })
        return send(res, head, 'application/json', Buffer.from(body), {
          etag,
          'cache-control': 'no-cache',
        })
      }
      case 'file': {
        const root = await locationRoot(r.skill.name, r.skill.location)
        const file = await resolveSkillFile(r.skill.name, root, r.segments)
        const etag = fileEtag(file.size, file.mtime)
        const validators = { etag, 'last-modified': file.mtime.toUTCString() }
        if (isNotModified(req.headers, etag, file.mtime)) return notModified(res, validators)
        res.writeHead(200, {
          ...FILE_HEADERS,
          'content-type': mediaType(file.path),
          'content-length': String(file.size),
          ...validators,
        })
        if (head) {
          res.end()
          return
        }
        return pipeline(createReadStream(file.real), res)
      }
      case 'download': {
        const root = await locationRoot(r.skill.name, r.skill.location)
        const files = await listSkillFiles(r.skill.name, root)
        const etag = treeEtag(files)
        if (isNotModified(req.headers, etag, undefined)) return notModified(res, { etag })
        res.writeHead(200, {
          ...FILE_HEADERS,
          etag,
          'content-type': 'application/zip',
          // names are kebab-case by the schema; anything else is kept out of the header
          'content-disposition': `attachment; filename="${r.skill.name.replace(/[^\w.-]/g, '_')}.zip"`,
        })
        if (head) {
          res.end()
          return
        }
        return pipeline(zipSkill(files), res)
      }
    }
  }

  return {
    type: 'skill',
    describe: () => [`GET ${SKILLS_MOUNT}`, `GET ${SKILLS_MOUNT}/{name}`],
    close: async () => {},
    handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): boolean {
      const url = req.url ?? '/'
      const q = url.indexOf('?')
      const pathname = q === -1 ? url : url.slice(0, q)
      if (pathname !== SKILLS_MOUNT && !pathname.startsWith(`${SKILLS_MOUNT}/`)) return false
      ctx.fields.surface = 'skill'
      const r = route(pathname)
      if (r === undefined) {
        ctx.fields.route = 'GET /skills/*'
        writeError(res, new EngineError('NOT_FOUND', `No skill resource at ${pathname}.`), ctx.id)
        return true
      }
      ctx.fields.route = LABELS[r.kind]
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        writeError(
          res,
          new EngineError(
            'METHOD_NOT_ALLOWED',
            `${req.method} is not allowed here; skills are read with GET.`,
          ),
          ctx.id,
          { allow: 'GET, HEAD' },
        )
        return true
      }
      serve(req, res, r).catch((error: unknown) => {
        if (error instanceof EngineError) ctx.fields.errorCode = error.code
        // a client that leaves mid-file is the access log's 499, not a failure to report
        else if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE')
          logger.warn({ requestId: ctx.id, err: (error as Error).message }, 'skill request failed')
        // once the body has started, a failure can only cut the response short
        writeError(res, error, ctx.id)
      })
      return true
    },
  }
}

function send(
  res: ServerResponse,
  head: boolean,
  type: string,
  body: Buffer,
  extra: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(200, { ...extra, 'content-type': type, 'content-length': String(body.length) })
  res.end(head ? undefined : body)
}

/** 304 with the validators, and no body. */
function notModified(res: ServerResponse, validators: Readonly<Record<string, string>>): void {
  res.writeHead(304, { ...FILE_HEADERS, ...validators })
  res.end()
}

/** The Java engine's detail shape: optional frontmatter only when declared, tools by kind. */
function detail(s: Skill): Record<string, unknown> {
  const optional: [string, unknown][] = [
    ['license', s.license],
    ['compatibility', s.compatibility],
    ['argument-hint', s.argumentHint],
    ['allowed-tools', s.allowedTools],
    ['user-invocable', s.userInvocable],
    ['disable-model-invocation', s.disableModelInvocation],
    ['metadata', s.metadata],
  ]
  return {
    name: s.name,
    description: s.description,
    ...Object.fromEntries(optional.filter(([, v]) => v !== undefined)),
    tools: s.tools.map((t) =>
      t.kind === 'derived'
        ? {
            name: t.name,
            description: t.description,
            type: 'derived',
            invocationRef: { targetNamespace: t.targetNamespace, action: t.action, mode: t.mode },
          }
        : {
            name: t.name,
            description: t.description,
            type: 'instruction',
            instruction: t.instruction,
          },
    ),
  }
}
