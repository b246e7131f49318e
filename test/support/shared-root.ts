/** Where the mission's shared data (seeds, conformance fixtures) is read from by tests. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

// ../shared beside the clone (CI's layout), else the machine's copy, for a clone made elsewhere
const BESIDE = join(import.meta.dirname, '..', '..', '..', 'shared')
export const SHARED_ROOT = existsSync(BESIDE) ? BESIDE : '/work/shared'
