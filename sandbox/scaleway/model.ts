import { HttpFailure, isPlainObject } from '../http.js'
import { invalidArgument } from './errors.js'
import type { ScwEphemeralPolicy, ScwSecret, ScwSecretType, ScwVersion } from './state.js'

/** Scaleway timestamps: RFC 3339 UTC with microseconds. */
export function scwTime(d: Date): string {
  return d.toISOString().replace(/Z$/, '000Z')
}

export function fail(
  argument: string,
  reason: 'required' | 'format' | 'constraint',
  help: string,
): never {
  throw new HttpFailure(invalidArgument(argument, reason, help))
}

/** Secret in the field order of the schema's x-properties-order. */
export function presentSecret(s: ScwSecret): Record<string, unknown> {
  return {
    id: s.id,
    project_id: s.project_id,
    name: s.name,
    status: s.status,
    created_at: s.created_at,
    updated_at: s.updated_at,
    tags: [...s.tags],
    version_count: s.version_count,
    description: s.description,
    managed: s.managed,
    protected: s.protected,
    type: s.type,
    path: s.path,
    ephemeral_policy: s.ephemeral_policy ? { ...s.ephemeral_policy } : null,
    used_by: [...s.used_by],
    deletion_requested_at: s.deletion_requested_at,
    key_id: s.key_id,
    region: s.region,
  }
}

export function presentVersion(v: ScwVersion, latest: boolean): Record<string, unknown> {
  return {
    revision: v.revision,
    secret_id: v.secret_id,
    status: v.status,
    created_at: v.created_at,
    updated_at: v.updated_at,
    deleted_at: v.deleted_at,
    description: v.description,
    latest,
    ephemeral_properties: v.ephemeral_properties ? { ...v.ephemeral_properties } : null,
    deletion_requested_at: v.deletion_requested_at,
    region: v.region,
  }
}

const SEGMENT_RE = /^[A-Za-z0-9._-]{1,255}$/

/** Paths start with `/`, folders are 1-255 of [A-Za-z0-9._-], and a trailing `/` is dropped. */
export function normalizePath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) {
    fail('path', 'format', 'path must be a string starting with /')
  }
  const trimmed = value.length > 1 ? value.replace(/\/+$/, '') : value
  if (trimmed === '' || trimmed === '/') return '/'
  for (const seg of trimmed.slice(1).split('/')) {
    if (!SEGMENT_RE.test(seg)) {
      fail('path', 'format', `folder "${seg}" must be 1-255 characters among A-Z a-z 0-9 . _ -`)
    }
  }
  return trimmed
}

export function readName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) fail('name', 'required', 'name is required')
  if (value.length > 255 || value.includes('/')) {
    fail('name', 'format', 'name must be at most 255 characters and contain no /')
  }
  return value
}

export function readTags(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) {
    fail('tags', 'format', 'tags must be an array of strings')
  }
  return [...(value as string[])]
}

const MAX_TTL_SECONDS = 365 * 24 * 3600

/** Protobuf Duration: `1800.000000000s` is stored and returned as `1800s`. */
export function normalizeDuration(value: unknown): string | null {
  if (value === undefined || value === null) return null
  const m = typeof value === 'string' ? /^(\d+)(?:\.(\d{1,9}))?s$/.exec(value) : null
  if (!m) fail('ephemeral_policy.time_to_live', 'format', 'time_to_live must look like "3600s"')
  const whole = Number(m[1])
  const frac = (m[2] ?? '').replace(/0+$/, '')
  const seconds = whole + (frac ? Number(`0.${frac}`) : 0)
  if (seconds < 1 || seconds > MAX_TTL_SECONDS) {
    fail(
      'ephemeral_policy.time_to_live',
      'constraint',
      'time_to_live must be between 1s and 1 year',
    )
  }
  if (!frac) return `${whole}s`
  const digits = frac.length <= 3 ? 3 : frac.length <= 6 ? 6 : 9
  return `${whole}.${frac.padEnd(digits, '0')}s`
}

export function durationSeconds(ttl: string): number {
  return Number(ttl.slice(0, -1))
}

export function readEphemeralPolicy(value: unknown): ScwEphemeralPolicy | null {
  if (value === undefined || value === null) return null
  if (!isPlainObject(value))
    fail('ephemeral_policy', 'format', 'ephemeral_policy must be an object')
  const ttl = normalizeDuration(value.time_to_live)
  const once = value.expires_once_accessed
  if (once !== undefined && once !== null && typeof once !== 'boolean') {
    fail('ephemeral_policy.expires_once_accessed', 'format', 'must be a boolean')
  }
  if (value.action !== 'delete' && value.action !== 'disable') {
    fail('ephemeral_policy.action', 'required', 'action must be delete or disable')
  }
  if (ttl === null && once !== true) {
    fail('ephemeral_policy', 'constraint', 'set time_to_live or expires_once_accessed (or both)')
  }
  return {
    time_to_live: ttl,
    expires_once_accessed: (once as boolean | undefined) ?? null,
    action: value.action,
  }
}

const SCALAR = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

function jsonObject(data: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch {
    fail('data', 'format', 'Invalid type. Expected: object, given: string')
  }
  if (!isPlainObject(parsed)) fail('data', 'format', 'Invalid type. Expected: object')
  return parsed
}

function requireStrings(obj: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) {
    if (obj[k] === undefined) fail('data', 'format', `${k}: ${k} is required`)
    if (typeof obj[k] !== 'string') {
      fail('data', 'format', `${k}: Invalid type. Expected: string, given: ${typeof obj[k]}`)
    }
  }
}

/** Version payloads are checked against the secret's type, as the real service does. */
export function validatePayload(type: ScwSecretType, bytes: Buffer): void {
  if (type === 'opaque') return
  const text = bytes.toString('utf8')
  if (type === 'certificate') {
    if (!/-----BEGIN [A-Z0-9 ]+-----[\s\S]*-----END [A-Z0-9 ]+-----/.test(text)) {
      fail('data', 'format', 'certificate must be one or more PEM blocks')
    }
    return
  }
  const obj = jsonObject(text)
  if (type === 'key_value') {
    for (const [k, v] of Object.entries(obj)) {
      if (!SCALAR(v)) {
        const given = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v
        fail('data', 'format', `${k}: Invalid type. Expected: string, given: ${given}`)
      }
    }
  } else if (type === 'basic_credentials') {
    requireStrings(obj, ['username', 'password'])
  } else if (type === 'database_credentials') {
    requireStrings(obj, ['engine', 'username', 'password', 'host', 'dbname', 'port'])
    if (!['postgres', 'mysql', 'other'].includes(obj.engine as string)) {
      fail('data', 'format', 'engine: must be one of postgres, mysql, other')
    }
    if (!/^[0-9]+$/.test(obj.port as string)) fail('data', 'format', 'port: must match ^[0-9]+$')
  } else if (type === 'ssh_key') {
    requireStrings(obj, ['ssh_private_key'])
  }
}

/** Standard CRC-32 (IEEE), used to check the optional data_crc32 of a new version. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}
