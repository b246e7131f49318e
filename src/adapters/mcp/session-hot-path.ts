/**
 * The 2025-11-25 session handshake without the SDK: an `initialize` the SDK would accept as it
 * stands opens a session answered here, and `notifications/initialized` on a session that has no
 * SDK server yet is noted for it. The session's SDK server is built only when a request needs it
 * (see `legacy-session.ts`), so a session that only calls tools, or is abandoned, never builds one.
 *
 * The checks are written out rather than run through the SDK's zod schemas: those allocate several
 * kilobytes per call, which an initialize flood turned into old-generation garbage. They accept a
 * strict subset of what the SDK accepts (a test holds them to the SDK's own verdict); anything
 * else, however valid, goes to the SDK.
 */
import { hasOnlyKeys, isPlainId, isPlainObject } from './json-shape.js'
import { LEGACY_REVISION, MESSAGE_KEYS } from './tool-call-hot-path.js'

const INITIALIZE_PARAM_KEYS = new Set(['protocolVersion', 'capabilities', 'clientInfo'])
const CLIENT_INFO_KEYS = new Set(['name', 'version', 'title', 'websiteUrl', 'description'])
const NOTIFICATION_KEYS = new Set(['jsonrpc', 'method', 'params'])
const ROOTS_KEYS = new Set(['listChanged'])
const SAMPLING_KEYS = new Set(['context', 'tools'])
const ELICITATION_KEYS = new Set(['form', 'url'])

/** Each client capability the hot path checks, and how; any other sends initialize to the SDK. */
const CAPABILITY_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  roots: (v) =>
    isPlainObject(v) &&
    hasOnlyKeys(v, ROOTS_KEYS) &&
    (v.listChanged === undefined || typeof v.listChanged === 'boolean'),
  sampling: (v) => isPlainObject(v) && hasOnlyKeys(v, SAMPLING_KEYS) && valuesAreObjects(v),
  elicitation: (v) =>
    isPlainObject(v) &&
    hasOnlyKeys(v, ELICITATION_KEYS) &&
    valuesAreObjects(v) &&
    (!isPlainObject(v.form) ||
      v.form.applyDefaults === undefined ||
      typeof v.form.applyDefaults === 'boolean'),
  experimental: (v) => isPlainObject(v) && valuesAreObjects(v),
  extensions: (v) => isPlainObject(v) && valuesAreObjects(v),
}

export interface HotInitialize {
  readonly id: string | number
}

/**
 * A 2025-11-25 `initialize` the SDK would serve as it stands. The caller has checked the
 * MCP-Protocol-Version header is absent or 2025-11-25, so the SDK classifies it legacy.
 */
export function legacyInitialize(body: unknown): HotInitialize | undefined {
  if (!isPlainObject(body) || !hasOnlyKeys(body, MESSAGE_KEYS)) return undefined
  const { id, params } = body
  if (body.jsonrpc !== '2.0' || body.method !== 'initialize' || !isPlainId(id)) return undefined
  if (!isPlainObject(params) || !hasOnlyKeys(params, INITIALIZE_PARAM_KEYS)) return undefined
  // the version the SDK would negotiate is the one asked for only when it is this one
  if (params.protocolVersion !== LEGACY_REVISION) return undefined
  const { capabilities, clientInfo } = params
  if (!isPlainObject(clientInfo) || !hasOnlyKeys(clientInfo, CLIENT_INFO_KEYS)) return undefined
  for (const key in clientInfo) if (typeof clientInfo[key] !== 'string') return undefined
  if (clientInfo.name === undefined || clientInfo.version === undefined) return undefined
  if (!isPlainObject(capabilities)) return undefined
  for (const key in capabilities) {
    const check = Object.hasOwn(CAPABILITY_CHECKS, key) ? CAPABILITY_CHECKS[key] : undefined
    if (check === undefined || !check(capabilities[key])) return undefined
  }
  return { id }
}

/** `notifications/initialized` with nothing the SDK would look at besides its name. */
export function isPlainInitializedNotification(body: unknown): boolean {
  if (!isPlainObject(body) || !hasOnlyKeys(body, NOTIFICATION_KEYS)) return false
  if (body.params !== undefined && !(isPlainObject(body.params) && isEmpty(body.params)))
    return false
  return body.jsonrpc === '2.0' && body.method === 'notifications/initialized'
}

function valuesAreObjects(value: Record<string, unknown>): boolean {
  for (const key in value) if (!isPlainObject(value[key])) return false
  return true
}

function isEmpty(value: Record<string, unknown>): boolean {
  for (const _ in value) return false
  return true
}
