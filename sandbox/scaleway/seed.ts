import { DEMO_IDS, SEED_IDS } from '../demo-ids.js'
import type { ScalewayState, ScwSecret, ScwVersion } from './state.js'

const P = DEMO_IDS.scaleway.projectId
const T0 = '2026-05-04T09:12:31.418207Z'
const T1 = '2026-06-18T14:03:07.902114Z'
const T2 = '2026-07-02T08:45:19.330871Z'

/** Fixed ids of seeded Scaleway secrets, exported for tests and docs. */
export const SCALEWAY_SEED_SECRET_IDS = {
  databasePassword: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e01',
  stripeApiKey: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e02',
  tlsCertificate: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e03',
  stagingConfig: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e04',
  legacyCiToken: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e05',
  bootstrapToken: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e06',
  amsterdamBackupKey: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e07',
  foreignSecret: '2a4c6e8f-1b3d-4f5a-8c7e-9a1b3c5d7e08',
} as const

const S = SCALEWAY_SEED_SECRET_IDS
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

function secret(s: Partial<ScwSecret> & Pick<ScwSecret, 'id' | 'name'>): ScwSecret {
  return {
    project_id: P,
    status: 'ready',
    created_at: T0,
    updated_at: T0,
    tags: [],
    version_count: 0,
    description: '',
    managed: false,
    protected: false,
    type: 'opaque',
    path: '/',
    ephemeral_policy: null,
    used_by: [],
    deletion_requested_at: null,
    key_id: null,
    region: 'fr-par',
    ...s,
  }
}

function version(
  v: Partial<ScwVersion> & Pick<ScwVersion, 'secret_id' | 'revision' | 'data'>,
): ScwVersion {
  return {
    status: 'enabled',
    created_at: T0,
    updated_at: T0,
    deleted_at: null,
    description: null,
    ephemeral_properties: null,
    deletion_requested_at: null,
    region: 'fr-par',
    data_crc32: null,
    status_before_deletion: null,
    ...v,
  }
}

export function seedScaleway(): ScalewayState {
  return {
    projects: [
      { id: P, organization_id: DEMO_IDS.scaleway.organizationId, name: 'default' },
      {
        id: SEED_IDS.scaleway.foreignProjectId,
        organization_id: SEED_IDS.scaleway.foreignOrganizationId,
        name: 'someone-else',
      },
    ],
    secrets: [
      secret({
        id: S.databasePassword,
        name: 'database-password',
        path: '/prod/db',
        type: 'database_credentials',
        tags: ['prod', 'db'],
        description: 'Primary PostgreSQL credentials',
        version_count: 2,
        updated_at: T1,
      }),
      secret({
        id: S.stripeApiKey,
        name: 'stripe-api-key',
        path: '/prod',
        tags: ['prod', 'payments'],
        protected: true,
        version_count: 1,
      }),
      secret({
        id: S.tlsCertificate,
        name: 'tls-certificate',
        path: '/prod/edge',
        type: 'certificate',
        tags: ['prod'],
        used_by: ['edge_services'],
        version_count: 1,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.stagingConfig,
        name: 'app-config',
        path: '/staging',
        type: 'key_value',
        tags: ['staging'],
        version_count: 1,
        created_at: T1,
        updated_at: T1,
      }),
      secret({
        id: S.legacyCiToken,
        name: 'legacy-ci-token',
        tags: ['ci'],
        description: 'Replaced by an IAM application',
        version_count: 1,
        updated_at: T2,
        deletion_requested_at: T2,
      }),
      secret({
        id: S.bootstrapToken,
        name: 'bootstrap-token',
        path: '/staging',
        tags: ['staging'],
        ephemeral_policy: { time_to_live: null, expires_once_accessed: true, action: 'delete' },
        created_at: T2,
        updated_at: T2,
      }),
      secret({
        id: S.amsterdamBackupKey,
        name: 'backup-encryption-key',
        path: '/backups',
        region: 'nl-ams',
        version_count: 1,
      }),
      secret({
        id: S.foreignSecret,
        name: 'not-yours',
        project_id: SEED_IDS.scaleway.foreignProjectId,
      }),
    ],
    versions: [
      version({
        secret_id: S.databasePassword,
        revision: 1,
        status: 'disabled',
        updated_at: T1,
        data: b64(
          JSON.stringify({
            engine: 'postgres',
            username: 'app',
            password: 'old-demo-password',
            host: '10.0.0.12',
            dbname: 'app',
            port: '5432',
          }),
        ),
      }),
      version({
        secret_id: S.databasePassword,
        revision: 2,
        created_at: T1,
        updated_at: T1,
        description: 'rotated',
        data: b64(
          JSON.stringify({
            engine: 'postgres',
            username: 'app',
            password: 'demo-password',
            host: '10.0.0.12',
            dbname: 'app',
            port: '5432',
          }),
        ),
      }),
      version({ secret_id: S.stripeApiKey, revision: 1, data: b64('sk_test_demo') }),
      version({
        secret_id: S.tlsCertificate,
        revision: 1,
        created_at: T1,
        updated_at: T1,
        data: b64('-----BEGIN CERTIFICATE-----\nZGVtbw==\n-----END CERTIFICATE-----\n'),
      }),
      version({
        secret_id: S.stagingConfig,
        revision: 1,
        created_at: T1,
        updated_at: T1,
        data: b64(JSON.stringify({ FEATURE_FLAGS: 'beta', WORKERS: 4, DEBUG: false })),
      }),
      version({
        secret_id: S.legacyCiToken,
        revision: 1,
        status: 'scheduled_for_deletion',
        status_before_deletion: 'enabled',
        updated_at: T2,
        deletion_requested_at: T2,
        data: b64('ci-demo-token'),
      }),
      version({
        secret_id: S.amsterdamBackupKey,
        revision: 1,
        region: 'nl-ams',
        data: b64('demo-backup-key'),
      }),
    ],
  }
}
