import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEMO_IDS, SANDBOX_CREDENTIALS } from './demo-ids.js'
import type { Emulator, EmulatorDeps, IncomingCall } from './emulator.js'
import { headersToRecord, queryToRecord, type RecordedCall, type Reply } from './http.js'
import { createQoveryEmulator } from './qovery/emulator.js'
import { createScalewayEmulator } from './scaleway/emulator.js'
import { parseSavedState, seedState, type SandboxState } from './state.js'
import { DataFileError, loadStateFile, saveStateFile } from './store.js'

export { DEMO_IDS, SANDBOX_CREDENTIALS } from './demo-ids.js'
export type { RecordedCall } from './http.js'
export { DataFileError } from './store.js'

export interface SandboxOptions {
  host?: string
  port?: number
  dataFile?: string
  clock?: () => Date
  newId?: () => string
}

export interface Sandbox {
  readonly url: string
  readonly origins: Readonly<Record<string, string>>
  readonly credentials: Readonly<Record<string, string>>
  readonly demoIds: typeof DEMO_IDS
  readonly calls: readonly RecordedCall[]
  reset(): void
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024
/** The call log is for tests; cap it so a long-running sandbox does not grow without bound. */
const MAX_RECORDED_CALLS = 10_000

function loadInitialState(dataFile: string | undefined): SandboxState {
  if (!dataFile) return seedState()
  const saved = loadStateFile(dataFile)
  if (saved === undefined) return seedState()
  const parsed = parseSavedState(saved)
  if (typeof parsed === 'string') {
    throw new DataFileError(`data file ${dataFile} cannot be used: ${parsed}`)
  }
  return parsed
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers }
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(reply.body)
  headers['content-type'] = 'application/json'
  headers['content-length'] = String(Buffer.byteLength(text))
  res.writeHead(reply.status, headers)
  res.end(text)
}

/** Starts every emulator on one node:http server; routes are told apart by path prefix. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  const dataFile = options.dataFile
  let state = loadInitialState(dataFile)
  let lastSaved = dataFile ? JSON.stringify(state) : ''
  let saves = 0
  const calls: RecordedCall[] = []
  const deps: EmulatorDeps = {
    state: () => state,
    now: options.clock ?? (() => new Date()),
    newId: options.newId ?? (() => randomUUID()),
  }
  const emulators: Emulator[] = [createQoveryEmulator(deps), createScalewayEmulator(deps)]

  const persist = (): void => {
    if (!dataFile) return
    const text = JSON.stringify(state)
    if (text === lastSaved) return
    saveStateFile(dataFile, state, `${process.pid}.${++saves}`)
    lastSaved = text
  }
  // Write the file at start so a fresh --data FILE exists even before the first change.
  if (dataFile) saveStateFile(dataFile, state, `${process.pid}.${++saves}`)

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    let raw: string | undefined
    try {
      raw = await readBody(req)
    } catch {
      send(res, { status: 413, body: { status: 413, detail: 'request body exceeds 1 MiB' } })
      return
    }
    let body: unknown
    let bodyInvalid = false
    if (raw !== undefined && raw.trim() !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        bodyInvalid = true
      }
    }
    const call: IncomingCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      bodyInvalid,
    }
    const emulator = emulators.find((e) => e.owns(call.path))
    let reply: Reply
    try {
      reply = emulator
        ? emulator.handle(call)
        : { status: 404, body: { status: 404, detail: `no sandbox emulator serves ${call.path}` } }
      persist()
    } catch {
      reply = { status: 500, body: { status: 500, detail: 'sandbox internal error' } }
    }
    if (calls.length >= MAX_RECORDED_CALLS) calls.shift()
    calls.push({
      method: call.method,
      path: call.path,
      query: queryToRecord(call.query),
      headers: headersToRecord(req.headers),
      body: bodyInvalid ? raw : body,
      status: reply.status,
    })
    send(res, reply)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        send(res, { status: 500, body: { status: 500, detail: 'sandbox error' } })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  let closed: Promise<void> | undefined

  return {
    url,
    origins: Object.freeze({ 'https://api.qovery.com': url, 'https://api.scaleway.com': url }),
    credentials: Object.freeze({ ...SANDBOX_CREDENTIALS }),
    demoIds: DEMO_IDS,
    calls,
    reset() {
      state = seedState()
      calls.length = 0
      persist()
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closed
    },
  }
}
