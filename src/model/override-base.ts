/** The base URI an `--upstream` override gives a namespace: an origin alone keeps the declared path. */
export function overrideBase(override: string, declared: string): string {
  let url: URL
  try {
    url = new URL(override)
  } catch {
    return override
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return override
  // a declared base that is a template ({{env.BASE}}) has no path we can keep
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#{}]*(\/[^?#]*)$/i.exec(declared)?.[1] ?? ''
  return `${url.origin}${path.replace(/\/+$/, '')}`
}
