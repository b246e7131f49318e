/** Minimal JSON-over-HTTP client used by the contract suites against either target. */
export interface HttpResult {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any
}

export interface CallOptions {
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  query?: Record<string, string | string[]>
}

export function makeClient(baseUrl: string, authHeaders: Record<string, string>) {
  return async function call(
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<HttpResult> {
    const url = new URL(path, baseUrl)
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item)
    }
    const headers: Record<string, string> = { ...authHeaders, ...opts.headers }
    let payload: string | undefined = opts.rawBody
    if (opts.body !== undefined) payload = JSON.stringify(opts.body)
    if (payload !== undefined) headers['content-type'] ??= 'application/json'
    const res = await fetch(url, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(15_000),
    })
    const text = await res.text()
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: res.status, headers: res.headers, text, body }
  }
}

export type Client = ReturnType<typeof makeClient>
