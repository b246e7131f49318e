/** Fixed ids of the seeded demo data; stable across releases so examples and docs can use them. */
export const DEMO_IDS = {
  qovery: {
    organizationId: '3d6f2a8e-5b1c-4f7a-9e2d-8c4b6a1f0e35',
    containerId: '7a2c9e4f-1d6b-4a8e-b3f5-0c7d2e9a6b18',
    jobId: '9e4b1f7c-3a8d-4c2e-a6b9-5f0d8c3e1a72',
  },
  scaleway: {
    region: 'fr-par',
    organizationId: '5c8e1a3f-9b2d-4e6a-8f4c-2a7b9d1e3c56',
    projectId: '8b3d6f9a-2c5e-4a1b-9d7f-4e0a2c6b8d91',
  },
} as const

/** The only credentials the sandbox accepts (besides Qovery API tokens created through it). */
export const SANDBOX_CREDENTIALS = {
  QOVERY_API_KEY: 'sandbox-qovery-token',
  SCALEWAY_API_KEY: '0b5a4d8c-7e1f-4a3b-9c6d-2e8f0a1b5c47',
} as const

/** Further fixed ids used by the seed; documented in docs/sandbox.md. */
export const SEED_IDS = {
  qovery: {
    projectId: '2f8a4c6e-0b3d-4e9a-8c1f-6d5b7a9e2c04',
    environmentId: '4b9d2f6a-8c1e-4a7b-9f3d-1e6c8a2b5d07',
    stagingEnvironmentId: '4b9d2f6a-8c1e-4a7b-9f3d-1e6c8a2b5d08',
    workerContainerId: '7a2c9e4f-1d6b-4a8e-b3f5-0c7d2e9a6b19',
    databaseId: '6e1a3c5f-7b9d-4f2a-8e4c-0a2b4d6f8a13',
    foreignOrganizationId: 'e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5b',
    foreignProjectId: 'e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5c',
    foreignEnvironmentId: 'e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5d',
    foreignContainerId: 'e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5e',
    foreignJobId: 'e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5f',
  },
  scaleway: {
    foreignOrganizationId: 'f1a2b3c4-d5e6-4f7a-8b9c-0d1e2f3a4b5c',
    foreignProjectId: 'f1a2b3c4-d5e6-4f7a-8b9c-0d1e2f3a4b5d',
  },
} as const
