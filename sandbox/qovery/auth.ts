import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { SANDBOX_CREDENTIALS } from '../demo-ids.js'
import { header } from '../http.js'
import type { QoveryState } from './state.js'

/** Who is calling: the organizations the credential may act on. */
export interface QoveryPrincipal {
  readonly organizationIds: readonly string[]
  readonly name: string
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * `Authorization: Token <t>` (organization API token) or `Bearer <t>` (user JWT).
 * The sandbox token works with both; tokens created through the API work with `Token`.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  state: QoveryState,
  demoOrganizationId: string,
): QoveryPrincipal | undefined {
  const value = header(headers, 'authorization')
  if (!value) return undefined
  const match = /^(Token|Bearer)\s+(\S+)\s*$/i.exec(value)
  if (!match) return undefined
  const scheme = (match[1] as string).toLowerCase()
  const secret = match[2] as string
  if (secret === SANDBOX_CREDENTIALS.QOVERY_API_KEY) {
    return { organizationIds: [demoOrganizationId], name: 'Sandbox User' }
  }
  if (scheme !== 'token') return undefined
  const digest = sha256(secret)
  const token = state.apiTokens.find((t) => t.tokenSha256 === digest)
  if (!token) return undefined
  return { organizationIds: [token.organizationId], name: `API token ${token.name}` }
}
