import type { AuthContext, AuthScheme, MutableRequest } from './types.js'
import type { Transport } from '../types.js'

/** An AuthContext for tests: fields and options as given, fresh state unless shared. */
export function authContext(
  transport: Transport,
  fields: Record<string, string>,
  extra: Partial<AuthContext> = {},
): AuthContext {
  return {
    fields,
    options: {},
    state: new Map(),
    stateKey: 'shop',
    transport,
    clock: () => Date.now(),
    signal: undefined,
    ...extra,
  }
}

/** What the runtime does with a scheme: apply, send, and on a 401 let the scheme retry once (test helper). */
export async function callWith(
  scheme: AuthScheme,
  ctx: AuthContext,
  url: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; text: string; request: MutableRequest }> {
  const request: MutableRequest = {
    method: init.method ?? 'GET',
    url: new URL(url),
    headers: {},
    body: init.body,
  }
  await scheme.apply(request, ctx)
  const send = async () => {
    const response = await ctx.transport.send(
      {
        ...request,
        idempotent: request.method === 'GET',
        operationId: 'shop.op',
        namespace: 'shop',
      },
      undefined,
    )
    return {
      status: response.status,
      headers: response.headers,
      text: Buffer.from(await response.body.bytes(1 << 20)).toString(),
    }
  }
  let response = await send()
  if (
    response.status === 401 &&
    scheme.onUnauthorized !== undefined &&
    (await scheme.onUnauthorized(request, response, ctx))
  ) {
    response = await send()
  }
  return { status: response.status, text: response.text, request }
}
