import { startSandbox, type Sandbox } from '../index.js'
import { SEED_IDS } from '../demo-ids.js'
import { makeClient, type Client } from './client.js'

/**
 * Contract suites run against the sandbox, and also against the real APIs when
 * CAPSTAN_CONTRACT_TARGET=real and the credentials and ids below are in the environment.
 */
export interface QoveryTarget {
  readonly name: string
  readonly call: Client
  /** Same client without credentials, for the authentication cases. */
  readonly anonymous: Client
  readonly ids: {
    organizationId: string
    projectId: string
    containerId: string
    jobId: string
  }
  readonly sandbox?: Sandbox
  close(): Promise<void>
}

export interface ScalewayTarget {
  readonly name: string
  readonly call: Client
  readonly anonymous: Client
  readonly ids: { region: string; organizationId: string; projectId: string }
  readonly sandbox?: Sandbox
  close(): Promise<void>
}

export interface TargetFactory<T> {
  readonly name: string
  start(): Promise<T>
}

type Env = Record<string, string | undefined>

function wantsReal(env: Env): boolean {
  return env.CAPSTAN_CONTRACT_TARGET === 'real'
}

function explain(
  api: string,
  env: Env,
  required: readonly string[],
  log: (s: string) => void,
): boolean {
  const missing = required.filter((k) => !env[k])
  if (!wantsReal(env)) {
    log(
      `contract: real ${api} cases not registered (set CAPSTAN_CONTRACT_TARGET=real and ${required.join(', ')} to run them)\n`,
    )
    return false
  }
  if (missing.length > 0) {
    log(`contract: real ${api} cases not registered: missing ${missing.join(', ')}\n`)
    return false
  }
  return true
}

const QOVERY_REAL_ENV = [
  'QOVERY_API_KEY',
  'QOVERY_ORGANIZATION_ID',
  'QOVERY_PROJECT_ID',
  'QOVERY_CONTAINER_ID',
  'QOVERY_JOB_ID',
] as const

const SCALEWAY_REAL_ENV = [
  'SCALEWAY_API_KEY',
  'SCALEWAY_ORGANIZATION_ID',
  'SCALEWAY_PROJECT_ID',
] as const

const write = (s: string): void => {
  process.stdout.write(s)
}

export function qoveryTargets(env: Env = process.env, log = write): TargetFactory<QoveryTarget>[] {
  const targets: TargetFactory<QoveryTarget>[] = [
    {
      name: 'sandbox',
      async start() {
        const sb = await startSandbox()
        const key = sb.credentials.QOVERY_API_KEY as string
        return {
          name: 'sandbox',
          call: makeClient(sb.url, { authorization: `Bearer ${key}` }),
          anonymous: makeClient(sb.url, {}),
          ids: { ...sb.demoIds.qovery, projectId: SEED_IDS.qovery.projectId },
          sandbox: sb,
          close: () => sb.close(),
        }
      },
    },
  ]
  if (explain('Qovery', env, QOVERY_REAL_ENV, log)) {
    const key = env.QOVERY_API_KEY as string
    const scheme = key.startsWith('qov_') ? 'Token' : 'Bearer'
    const base = env.QOVERY_API_URL ?? 'https://api.qovery.com'
    targets.push({
      name: 'real',
      async start() {
        return {
          name: 'real',
          call: makeClient(base, { authorization: `${scheme} ${key}` }),
          anonymous: makeClient(base, {}),
          ids: {
            organizationId: env.QOVERY_ORGANIZATION_ID as string,
            projectId: env.QOVERY_PROJECT_ID as string,
            containerId: env.QOVERY_CONTAINER_ID as string,
            jobId: env.QOVERY_JOB_ID as string,
          },
          close: async () => {},
        }
      },
    })
  }
  return targets
}

export function scalewayTargets(
  env: Env = process.env,
  log = write,
): TargetFactory<ScalewayTarget>[] {
  const targets: TargetFactory<ScalewayTarget>[] = [
    {
      name: 'sandbox',
      async start() {
        const sb = await startSandbox()
        return {
          name: 'sandbox',
          call: makeClient(sb.url, { 'x-auth-token': sb.credentials.SCALEWAY_API_KEY as string }),
          anonymous: makeClient(sb.url, {}),
          ids: { ...sb.demoIds.scaleway },
          sandbox: sb,
          close: () => sb.close(),
        }
      },
    },
  ]
  if (explain('Scaleway', env, SCALEWAY_REAL_ENV, log)) {
    const base = env.SCALEWAY_API_URL ?? 'https://api.scaleway.com'
    targets.push({
      name: 'real',
      async start() {
        return {
          name: 'real',
          call: makeClient(base, { 'x-auth-token': env.SCALEWAY_API_KEY as string }),
          anonymous: makeClient(base, {}),
          ids: {
            region: env.SCALEWAY_REGION ?? 'fr-par',
            organizationId: env.SCALEWAY_ORGANIZATION_ID as string,
            projectId: env.SCALEWAY_PROJECT_ID as string,
          },
          close: async () => {},
        }
      },
    })
  }
  return targets
}
