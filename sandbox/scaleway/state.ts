export const SECRET_TYPES = [
  'opaque',
  'certificate',
  'key_value',
  'basic_credentials',
  'database_credentials',
  'ssh_key',
] as const
export type ScwSecretType = (typeof SECRET_TYPES)[number]

export const REGIONS = ['fr-par', 'nl-ams', 'pl-waw'] as const

export interface ScwEphemeralPolicy {
  time_to_live: string | null
  expires_once_accessed: boolean | null
  action: 'unknown_action' | 'delete' | 'disable'
}

export interface ScwSecret {
  id: string
  project_id: string
  name: string
  status: 'ready' | 'locked'
  created_at: string
  updated_at: string
  tags: string[]
  version_count: number
  description: string
  managed: boolean
  protected: boolean
  type: ScwSecretType
  path: string
  ephemeral_policy: ScwEphemeralPolicy | null
  used_by: string[]
  deletion_requested_at: string | null
  key_id: string | null
  region: string
}

export type ScwVersionStatus = 'enabled' | 'disabled' | 'scheduled_for_deletion' | 'deleted'

export interface ScwVersion {
  secret_id: string
  revision: number
  status: ScwVersionStatus
  created_at: string
  updated_at: string
  deleted_at: string | null
  description: string | null
  ephemeral_properties: {
    expires_at: string | null
    expires_once_accessed: boolean | null
    action: 'unknown_action' | 'delete' | 'disable'
  } | null
  deletion_requested_at: string | null
  region: string
  /** base64 payload; emptied once the version is permanently deleted. */
  data: string
  data_crc32: number | null
  /** Status to return to when a scheduled deletion is undone. */
  status_before_deletion: 'enabled' | 'disabled' | null
}

export interface ScwProject {
  id: string
  organization_id: string
  name: string
}

export interface ScalewayState {
  projects: ScwProject[]
  secrets: ScwSecret[]
  versions: ScwVersion[]
}
