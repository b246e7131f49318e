import { createHash } from 'node:crypto'
import { DEMO_IDS, SEED_IDS } from '../demo-ids.js'
import type { QoveryApiToken, QoverySecret, QoveryState } from './state.js'

const Q = { ...DEMO_IDS.qovery, ...SEED_IDS.qovery }
const T0 = '2026-05-04T09:12:31Z'
const T1 = '2026-06-18T14:03:07Z'

/** Fixed ids of seeded Qovery secrets, exported for tests and docs. */
export const QOVERY_SEED_SECRET_IDS = {
  builtInDatabaseUrl: 'a1c3e5f7-0b2d-4f6a-8c0e-1a3c5e7f9b01',
  builtInDatabasePassword: 'a1c3e5f7-0b2d-4f6a-8c0e-1a3c5e7f9b02',
  builtInContainerHost: 'a1c3e5f7-0b2d-4f6a-8c0e-1a3c5e7f9b03',
  projectSentryDsn: 'b2d4f6a8-1c3e-4a7b-9d1f-2b4d6f8a0c01',
  projectSigningKey: 'b2d4f6a8-1c3e-4a7b-9d1f-2b4d6f8a0c02',
  environmentStripeKey: 'c3e5a7b9-2d4f-4b8c-8e2a-3c5e7a9b1d01',
  environmentSmtpPassword: 'c3e5a7b9-2d4f-4b8c-8e2a-3c5e7a9b1d02',
  containerJwtSecret: 'd4f6b8c0-3e5a-4c9d-9f3b-4d6f8b0c2e01',
  containerClientCert: 'd4f6b8c0-3e5a-4c9d-9f3b-4d6f8b0c2e02',
  containerDatabaseUrlAlias: 'd4f6b8c0-3e5a-4c9d-9f3b-4d6f8b0c2e03',
  containerSentryOverride: 'd4f6b8c0-3e5a-4c9d-9f3b-4d6f8b0c2e04',
  jobMigrationToken: 'e5a7c9d1-4f6b-4d0e-8a4c-5e7a9c1d3f01',
  jobDbUrlAlias: 'e5a7c9d1-4f6b-4d0e-8a4c-5e7a9c1d3f02',
  foreignContainerSecret: 'f6b8d0e2-5a7c-4e1f-9b5d-6f8b0d2e4a01',
} as const

export const QOVERY_SEED_ROLE_IDS = {
  owner: '0c1e3a5b-7d9f-4b2c-8e4a-6c8e0a2b4d01',
  admin: '0c1e3a5b-7d9f-4b2c-8e4a-6c8e0a2b4d02',
  devops: '0c1e3a5b-7d9f-4b2c-8e4a-6c8e0a2b4d03',
  billing_manager: '0c1e3a5b-7d9f-4b2c-8e4a-6c8e0a2b4d04',
  viewer: '0c1e3a5b-7d9f-4b2c-8e4a-6c8e0a2b4d05',
} as const

export const QOVERY_SEED_TOKEN_IDS = {
  ciDeployer: '1d2f4b6c-8e0a-4c3d-9f5b-7d9f1b3c5e01',
  terraform: '1d2f4b6c-8e0a-4c3d-9f5b-7d9f1b3c5e02',
  readOnlyDashboard: '1d2f4b6c-8e0a-4c3d-9f5b-7d9f1b3c5e03',
} as const

const S = QOVERY_SEED_SECRET_IDS
const DB_SUFFIX = 'Z6E1A3C5F'

type SecretSeed = Partial<QoverySecret> & Pick<QoverySecret, 'id' | 'key' | 'scope' | 'value'>

function secret(s: SecretSeed): QoverySecret {
  return {
    created_at: T0,
    updated_at: T0,
    mount_path: null,
    description: null,
    enable_interpolation_in_file: null,
    variable_type: 'VALUE',
    projectId: Q.projectId,
    environmentId: Q.environmentId,
    serviceId: null,
    parentId: null,
    owned_by: 'QOVERY',
    ...s,
  }
}

function token(t: Omit<QoveryApiToken, 'tokenSha256' | 'organizationId'>): QoveryApiToken {
  // Seeded tokens have no known plaintext: they list, but cannot authenticate.
  const tokenSha256 = createHash('sha256').update(`seed-token:${t.id}`).digest('hex')
  return { ...t, organizationId: Q.organizationId, tokenSha256 }
}

export function seedQovery(): QoveryState {
  return {
    organizations: [
      { id: Q.organizationId, name: 'Acme Robotics' },
      { id: Q.foreignOrganizationId, name: 'Globex (not yours)' },
    ],
    projects: [
      { id: Q.projectId, organizationId: Q.organizationId, name: 'storefront' },
      { id: Q.foreignProjectId, organizationId: Q.foreignOrganizationId, name: 'globex-internal' },
    ],
    environments: [
      { id: Q.environmentId, projectId: Q.projectId, name: 'production' },
      { id: Q.stagingEnvironmentId, projectId: Q.projectId, name: 'staging' },
      { id: Q.foreignEnvironmentId, projectId: Q.foreignProjectId, name: 'production' },
    ],
    services: [
      { id: Q.containerId, environmentId: Q.environmentId, type: 'CONTAINER', name: 'api' },
      {
        id: Q.workerContainerId,
        environmentId: Q.environmentId,
        type: 'CONTAINER',
        name: 'worker',
      },
      { id: Q.jobId, environmentId: Q.environmentId, type: 'JOB', name: 'db-migrations' },
      { id: Q.databaseId, environmentId: Q.environmentId, type: 'DATABASE', name: 'postgres' },
      {
        id: Q.foreignContainerId,
        environmentId: Q.foreignEnvironmentId,
        type: 'CONTAINER',
        name: 'billing',
      },
      { id: Q.foreignJobId, environmentId: Q.foreignEnvironmentId, type: 'JOB', name: 'cron' },
    ],
    secrets: [
      secret({
        id: S.builtInDatabaseUrl,
        key: `QOVERY_POSTGRESQL_${DB_SUFFIX}_DATABASE_URL`,
        value: 'postgresql://app:demo-password@postgres.internal:5432/app',
        scope: 'BUILT_IN',
        variable_type: 'BUILT_IN',
        serviceId: Q.databaseId,
      }),
      secret({
        id: S.builtInDatabasePassword,
        key: `QOVERY_POSTGRESQL_${DB_SUFFIX}_PASSWORD`,
        value: 'demo-password',
        scope: 'BUILT_IN',
        variable_type: 'BUILT_IN',
        serviceId: Q.databaseId,
      }),
      secret({
        id: S.builtInContainerHost,
        key: 'QOVERY_CONTAINER_Z7A2C9E4F_HOST_INTERNAL',
        value: 'app-z7a2c9e4f-api',
        scope: 'BUILT_IN',
        variable_type: 'BUILT_IN',
        serviceId: Q.containerId,
      }),
      secret({
        id: S.projectSentryDsn,
        key: 'SENTRY_DSN',
        value: 'https://public@sentry.example/1',
        scope: 'PROJECT',
        environmentId: null,
        description: 'Error reporting DSN shared by every environment',
      }),
      secret({
        id: S.projectSigningKey,
        key: 'SHARED_SIGNING_KEY',
        value: 'demo-signing-key',
        scope: 'PROJECT',
        environmentId: null,
      }),
      secret({
        id: S.environmentStripeKey,
        key: 'STRIPE_SECRET_KEY',
        value: 'sk_test_demo',
        scope: 'ENVIRONMENT',
        description: 'Stripe key for production',
      }),
      secret({
        id: S.environmentSmtpPassword,
        key: 'SMTP_PASSWORD',
        value: 'demo-smtp',
        scope: 'ENVIRONMENT',
      }),
      secret({
        id: S.containerJwtSecret,
        key: 'JWT_SECRET',
        value: 'demo-jwt-secret',
        scope: 'CONTAINER',
        serviceId: Q.containerId,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.containerClientCert,
        key: 'TLS_CLIENT_CERT',
        value: '-----BEGIN CERTIFICATE-----\nZGVtbw==\n-----END CERTIFICATE-----\n',
        scope: 'CONTAINER',
        variable_type: 'FILE',
        mount_path: '/etc/ssl/client.pem',
        serviceId: Q.containerId,
        description: 'mTLS client certificate for the payments provider',
        enable_interpolation_in_file: false,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.containerDatabaseUrlAlias,
        key: 'DATABASE_URL',
        value: 'postgresql://app:demo-password@postgres.internal:5432/app',
        scope: 'CONTAINER',
        variable_type: 'ALIAS',
        serviceId: Q.containerId,
        parentId: S.builtInDatabaseUrl,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.containerSentryOverride,
        key: 'SENTRY_DSN',
        value: 'https://public@sentry.example/2',
        scope: 'CONTAINER',
        variable_type: 'OVERRIDE',
        serviceId: Q.containerId,
        parentId: S.projectSentryDsn,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.jobMigrationToken,
        key: 'MIGRATION_LOCK_TOKEN',
        value: 'demo-lock-token',
        scope: 'JOB',
        serviceId: Q.jobId,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.jobDbUrlAlias,
        key: 'DB_URL',
        value: 'postgresql://app:demo-password@postgres.internal:5432/app',
        scope: 'JOB',
        variable_type: 'ALIAS',
        serviceId: Q.jobId,
        parentId: S.builtInDatabaseUrl,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.foreignContainerSecret,
        key: 'GLOBEX_TOKEN',
        value: 'not-yours',
        scope: 'CONTAINER',
        projectId: Q.foreignProjectId,
        environmentId: Q.foreignEnvironmentId,
        serviceId: Q.foreignContainerId,
      }),
    ],
    roles: Object.entries(QOVERY_SEED_ROLE_IDS).map(([name, id]) => ({
      id,
      organizationId: Q.organizationId,
      name,
    })),
    apiTokens: [
      token({
        id: QOVERY_SEED_TOKEN_IDS.ciDeployer,
        created_at: T0,
        updated_at: T0,
        name: 'ci-deployer',
        description: 'GitHub Actions deployments',
        role_id: QOVERY_SEED_ROLE_IDS.admin,
        role_name: 'admin',
        creatorName: 'Alice Martin',
      }),
      token({
        id: QOVERY_SEED_TOKEN_IDS.terraform,
        created_at: T1,
        updated_at: T1,
        name: 'terraform',
        description: 'Infrastructure as code',
        role_id: QOVERY_SEED_ROLE_IDS.devops,
        role_name: 'devops',
        creatorName: 'Bob Nguyen',
      }),
      token({
        id: QOVERY_SEED_TOKEN_IDS.readOnlyDashboard,
        created_at: T1,
        updated_at: T1,
        name: 'status-dashboard',
        description: '',
        role_id: QOVERY_SEED_ROLE_IDS.viewer,
        role_name: 'viewer',
        creatorName: 'Alice Martin',
      }),
    ],
  }
}
