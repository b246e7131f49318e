import { STATUS_CODES } from 'node:http'
import { json, type Reply } from '../http.js'

/** Qovery's error envelope: `status` and `detail` are what every official client reads. */
export function qoveryError(status: number, detail: string): Reply {
  return json(status, { status, error: STATUS_CODES[status] ?? 'Error', detail })
}

export const forbidden = (): Reply => qoveryError(403, 'Access forbidden')
export const notFound = (what = 'Not found'): Reply => qoveryError(404, what)
export const badRequest = (detail: string): Reply => qoveryError(400, detail)
