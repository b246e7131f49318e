/** Root and capability `binds` → variable names (never values); file locations made absolute. */
import { dirname, isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BindVariable } from './types.js'
import { asArray, asString, isRecord, ptr, type ResolveContext } from './resolve-context.js'

export function resolveBinds(data: Record<string, unknown>, rc: ResolveContext): BindVariable[] {
  const out: BindVariable[] = []
  const capability = isRecord(data.capability) ? data.capability : {}
  const lists: [unknown, string][] = [
    [data.binds, '/binds'],
    [capability.binds, '/capability/binds'],
  ]
  for (const [list, base] of lists) {
    asArray(list).forEach((bind, i) => {
      if (!isRecord(bind)) return
      const namespace = asString(bind.namespace) ?? 'env'
      const location = asString(bind.location)
      const file =
        location === undefined ? undefined : bindFile(location, rc, ptr(base, i, 'location'))
      const keys = isRecord(bind.keys) ? bind.keys : {}
      for (const [variable, key] of Object.entries(keys)) {
        out.push({ variable, namespace, key: typeof key === 'string' ? key : variable, file })
      }
    })
  }
  return out
}

function bindFile(location: string, rc: ResolveContext, pointer: string): string | undefined {
  const base = dirname(rc.file)
  if (/^file:/i.test(location)) {
    // file:///./x and file://./x are relative to the capability file (the Java engine used the CWD).
    const rel = /^file:\/{2,3}\.\.?\//i.exec(location)
    if (rel) return resolve(base, location.replace(/^file:\/{2,3}/i, ''))
    try {
      return fileURLToPath(location)
    } catch {
      rc.report(
        'BIND_FILE_INVALID',
        pointer,
        `Bind location "${location}" is not a valid file: URI.`,
        'Use file:///absolute/path.json or a path relative to the capability file.',
      )
      return undefined
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) {
    rc.report(
      'BIND_FILE_INVALID',
      pointer,
      `Bind location "${location}" uses an unsupported scheme; only file: locations are read.`,
      'Use a file: URI or a relative path; other providers come through environment variables.',
    )
    return undefined
  }
  return isAbsolute(location) ? location : resolve(base, location)
}
