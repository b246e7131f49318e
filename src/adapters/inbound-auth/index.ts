/** Inbound authentication schemes: one file per scheme, one row here (house rule 4). */
import type { Authentication } from '../../model/types.js'
import { apikey } from './apikey.js'
import { basic } from './basic.js'
import { bearer } from './bearer.js'
import { digest } from './digest.js'
import { oauth2 } from './oauth2.js'
import {
  unauthorized,
  type InboundAuthDeps,
  type InboundAuthenticator,
  type InboundAuthFactory,
} from './types.js'

export const INBOUND_AUTH: Readonly<Record<string, InboundAuthFactory>> = {
  bearer,
  apikey,
  basic,
  digest,
  oauth2,
}

/**
 * Builds the authenticator of one expose. A misconfigured scheme yields one that refuses every
 * request, plus the reason for a start-up warning: failing closed never opens the gateway.
 */
export function createInboundAuthenticator(
  auth: Authentication,
  deps: InboundAuthDeps,
): { authenticator: InboundAuthenticator; problem?: string } {
  const factory = INBOUND_AUTH[auth.type]
  const made = factory
    ? factory(auth, deps)
    : {
        problem: `unknown authentication type "${auth.type}" (known: ${Object.keys(INBOUND_AUTH).join(', ')})`,
      }
  if ('problem' in made) {
    return {
      authenticator: {
        type: auth.type,
        authenticate: () =>
          unauthorized('This endpoint is misconfigured and refuses every request.'),
      },
      problem: made.problem,
    }
  }
  return { authenticator: made }
}

export type { AuthOutcome, AuthRequest, InboundAuthDeps, InboundAuthenticator } from './types.js'
