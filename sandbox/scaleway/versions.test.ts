import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scalewayTargets, type ScalewayTarget } from '../contract/targets.js'

// Contract suite for Secret Manager v1beta1 versions; see docs/sandbox.md.
const b64 = (s: string): string => Buffer.from(s).toString('base64')

for (const factory of scalewayTargets()) {
  describe(`Scaleway secret versions contract [${factory.name}]`, () => {
    let t: ScalewayTarget
    let base: string
    const created: string[] = []

    beforeAll(async () => {
      t = await factory.start()
      base = `/secret-manager/v1beta1/regions/${t.ids.region}/secrets`
    })
    afterAll(async () => {
      for (const id of created) {
        await t.call('POST', `${base}/${id}/unprotect`, { body: {} })
        await t.call('DELETE', `${base}/${id}`)
      }
      await t.close()
    })

    const secret = async (body: Record<string, unknown> = {}): Promise<string> => {
      const res = await t.call('POST', base, {
        body: {
          project_id: t.ids.projectId,
          name: `capstan-v-${randomUUID().slice(0, 8)}`,
          ...body,
        },
      })
      expect(res.status).toBe(200)
      created.push(res.body.id)
      return res.body.id as string
    }
    const addVersion = (id: string, data: string, extra: Record<string, unknown> = {}) =>
      t.call('POST', `${base}/${id}/versions`, { body: { data: b64(data), ...extra } })

    describe('POST /secrets/{id}/versions', () => {
      it('creates revision 1 then 2; only the newest is latest; version_count grows', async () => {
        const id = await secret()
        const v1 = await addVersion(id, 'one')
        expect(v1.status).toBe(200)
        expect(v1.body).toMatchObject({
          revision: 1,
          secret_id: id,
          status: 'enabled',
          latest: true,
        })
        const v2 = await addVersion(id, 'two', { disable_previous: true })
        expect(v2.body).toMatchObject({ revision: 2, latest: true })
        const list = await t.call('GET', `${base}/${id}/versions`)
        expect(list.body.total_count).toBe(2)
        expect(list.body.versions.map((v: { revision: number }) => v.revision)).toEqual([2, 1])
        expect(list.body.versions[1]).toMatchObject({ latest: false, status: 'disabled' })
        expect((await t.call('GET', `${base}/${id}`)).body.version_count).toBe(2)
      })

      it('validates data against the secret type (400 invalid_arguments, reason format)', async () => {
        const id = await secret({ type: 'key_value' })
        const res = await addVersion(id, JSON.stringify({ nested: { no: 'objects' } }))
        expect(res.status).toBe(400)
        expect(res.body.type).toBe('invalid_arguments')
        expect(res.body.details[0]).toMatchObject({ argument_name: 'data', reason: 'format' })
        expect((await addVersion(id, JSON.stringify({ flat: 'ok', n: 1 }))).status).toBe(200)
      })

      it('still works on a protected secret', async () => {
        const id = await secret({ protected: true })
        expect((await addVersion(id, 'x')).status).toBe(200)
      })

      it('answers 404 for an unknown secret', async () => {
        const res = await t.call('POST', `${base}/${randomUUID()}/versions`, {
          body: { data: b64('x') },
        })
        expect(res.status).toBe(404)
      })
    })

    describe('GET /secrets/{id}/versions/{revision}[/access]', () => {
      it('resolves latest and latest_enabled and returns the data on access', async () => {
        const id = await secret()
        await addVersion(id, 'first')
        await addVersion(id, 'second')
        await t.call('POST', `${base}/${id}/versions/2/disable`, { body: {} })
        expect((await t.call('GET', `${base}/${id}/versions/latest`)).body.revision).toBe(2)
        const enabled = await t.call('GET', `${base}/${id}/versions/latest_enabled`)
        expect(enabled.body.revision).toBe(1)
        const access = await t.call('GET', `${base}/${id}/versions/latest_enabled/access`)
        expect(access.status).toBe(200)
        expect(access.body).toMatchObject({ secret_id: id, revision: 1, type: 'opaque' })
        expect(Buffer.from(access.body.data, 'base64').toString()).toBe('first')
      })

      it('answers 404 for an unknown revision', async () => {
        const id = await secret()
        const res = await t.call('GET', `${base}/${id}/versions/7`)
        expect(res.status).toBe(404)
        expect(res.body.type).toBe('not_found')
      })
    })

    describe('DELETE /secrets/{id}/versions/{revision} and POST .../restore', () => {
      it('schedules the version for deletion, restores it, and never reuses revisions', async () => {
        const id = await secret()
        await addVersion(id, 'one')
        const del = await t.call('DELETE', `${base}/${id}/versions/1`)
        expect(del.status).toBe(204)
        const gone = await t.call('GET', `${base}/${id}/versions/1`)
        expect(gone.body.status).toBe('scheduled_for_deletion')
        const restored = await t.call('POST', `${base}/${id}/versions/1/restore`, { body: {} })
        expect(restored.status).toBe(200)
        expect(restored.body.revision).toBe(1)
        expect(restored.body.status).not.toBe('scheduled_for_deletion')
        await t.call('DELETE', `${base}/${id}/versions/1`)
        expect((await addVersion(id, 'two')).body.revision).toBe(2)
        expect((await t.call('GET', `${base}/${id}`)).body.version_count).toBe(2)
      })

      it('answers 404 when restoring an unknown revision', async () => {
        const id = await secret()
        const res = await t.call('POST', `${base}/${id}/versions/3/restore`, { body: {} })
        expect(res.status).toBe(404)
      })
    })
  })
}
