export type SecretScope = 'BUILT_IN' | 'PROJECT' | 'ENVIRONMENT' | 'CONTAINER' | 'JOB'
export type SecretType = 'VALUE' | 'FILE' | 'ALIAS' | 'OVERRIDE' | 'BUILT_IN'
export type ServiceType = 'CONTAINER' | 'JOB' | 'DATABASE'

export interface QoveryOrganization {
  id: string
  name: string
}

export interface QoveryProject {
  id: string
  organizationId: string
  name: string
}

export interface QoveryEnvironment {
  id: string
  projectId: string
  name: string
}

export interface QoveryService {
  id: string
  environmentId: string
  type: ServiceType
  name: string
}

export interface QoverySecret {
  id: string
  created_at: string
  updated_at: string
  key: string
  /** Kept so aliases resolve to the same value; never serialised into a response. */
  value: string
  mount_path: string | null
  description: string | null
  enable_interpolation_in_file: boolean | null
  scope: SecretScope
  variable_type: SecretType
  projectId: string
  environmentId: string | null
  /** Service that owns the secret (CONTAINER/JOB scope), or the service a BUILT_IN belongs to. */
  serviceId: string | null
  /** Target of an ALIAS or OVERRIDE. */
  parentId: string | null
  owned_by: string
}

export interface QoveryRole {
  id: string
  organizationId: string
  name: string
}

export interface QoveryApiToken {
  id: string
  organizationId: string
  created_at: string
  updated_at: string
  name: string
  description: string
  role_id: string | null
  role_name: string
  creatorName: string
  /** sha256 of the token string; the string itself is never stored. */
  tokenSha256: string
}

export interface QoveryState {
  organizations: QoveryOrganization[]
  projects: QoveryProject[]
  environments: QoveryEnvironment[]
  services: QoveryService[]
  secrets: QoverySecret[]
  roles: QoveryRole[]
  apiTokens: QoveryApiToken[]
}
