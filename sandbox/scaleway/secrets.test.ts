import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scalewayTargets, type ScalewayTarget } from '../contract/targets.js'

// Contract suite for Secret Manager v1beta1 secrets; see docs/sandbox.md.
const unique = (p: string): string => `capstan-${p}-${randomUUID().slice(0, 8)}`

for (const factory of scalewayTargets()) {
  describe(`Scaleway secrets contract [${factory.name}]`, () => {
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

    const create = async (body: Record<string, unknown> = {}) => {
      const res = await t.call('POST', base, {
        body: { project_id: t.ids.projectId, name: unique('s'), ...body },
      })
      expect(res.status).toBe(200)
      created.push(res.body.id)
      return res.body
    }
    const listQuery = (q: Record<string, string | string[]> = {}) =>
      t.call('GET', base, { query: { project_id: t.ids.projectId, ...q } })

    describe('GET /secrets', () => {
      it('returns {secrets, total_count} and hides secrets scheduled for deletion', async () => {
        const s = await create()
        expect((await t.call('DELETE', `${base}/${s.id}`)).status).toBe(204)
        const res = await listQuery({ page_size: '100' })
        expect(res.status).toBe(200)
        expect(Object.keys(res.body)).toEqual(['secrets', 'total_count'])
        expect(res.body.secrets.map((x: { id: string }) => x.id)).not.toContain(s.id)
        const scheduled = await listQuery({ scheduled_for_deletion: 'true', page_size: '100' })
        expect(scheduled.body.secrets.map((x: { id: string }) => x.id)).toContain(s.id)
      })

      it('filters by name, exact path, repeated tags, type and ephemeral', async () => {
        const tag = unique('tag')
        const path = `/${unique('dir')}`
        const a = await create({ path, tags: [tag, 'other'], type: 'key_value' })
        await create({ path, tags: [tag] })
        const byTags = await listQuery({ tags: [tag, 'other'] })
        expect(byTags.body.secrets.map((x: { id: string }) => x.id)).toEqual([a.id])
        expect((await listQuery({ path })).body.total_count).toBe(2)
        expect((await listQuery({ path, type: 'key_value' })).body.total_count).toBe(1)
        expect((await listQuery({ path, type: 'unknown_type' })).body.total_count).toBe(2)
        expect((await listQuery({ path, ephemeral: 'true' })).body.total_count).toBe(0)
        expect((await listQuery({ name: a.name })).body.secrets[0].id).toBe(a.id)
      })

      it('orders by name (byte-wise) and pages consistently with total_count', async () => {
        const path = `/${unique('page')}`
        for (const n of ['b', 'a', 'C'])
          await create({ path, name: `${n}-${randomUUID().slice(0, 4)}` })
        const all = await listQuery({ path })
        const names = all.body.secrets.map((x: { name: string }) => x.name)
        expect(names.map((n: string) => n[0])).toEqual(['C', 'a', 'b'])
        const desc = await listQuery({ path, order_by: 'name_desc' })
        expect(desc.body.secrets.map((x: { name: string }) => x.name)).toEqual([...names].reverse())
        const p2 = await listQuery({ path, page: '2', page_size: '2' })
        expect(p2.body.total_count).toBe(3)
        expect(p2.body.secrets.map((x: { name: string }) => x.name)).toEqual([names[2]])
      })

      it('answers 400 invalid_arguments for an unknown order_by', async () => {
        const res = await listQuery({ order_by: 'size_asc' })
        expect(res.status).toBe(400)
        expect(res.body.type).toBe('invalid_arguments')
        expect(res.body.details[0].argument_name).toBe('order_by')
      })

      it('answers 401 denied_authentication without or with a wrong X-Auth-Token', async () => {
        const none = await t.anonymous('GET', base, { query: { project_id: t.ids.projectId } })
        expect(none.status).toBe(401)
        expect(none.body.type).toBe('denied_authentication')
        const wrong = await t.anonymous('GET', base, {
          query: { project_id: t.ids.projectId },
          headers: { 'x-auth-token': randomUUID() },
        })
        expect(wrong.status).toBe(401)
        expect(wrong.body).toMatchObject({ type: 'denied_authentication', method: 'api_key' })
      })

      it('answers 403 permissions_denied for a project that is not yours', async () => {
        const res = await t.call('GET', base, { query: { project_id: randomUUID() } })
        expect(res.status).toBe(403)
        expect(res.body.type).toBe('permissions_denied')
      })
    })

    describe('POST /secrets', () => {
      it('creates with 200 and fills every default, in the schema order', async () => {
        const name = unique('defaults')
        const res = await t.call('POST', base, {
          body: { project_id: t.ids.projectId, name, path: '/capstan/tests/' },
        })
        expect(res.status).toBe(200)
        created.push(res.body.id)
        expect(Object.keys(res.body)).toEqual([
          'id',
          'project_id',
          'name',
          'status',
          'created_at',
          'updated_at',
          'tags',
          'version_count',
          'description',
          'managed',
          'protected',
          'type',
          'path',
          'ephemeral_policy',
          'used_by',
          'deletion_requested_at',
          'key_id',
          'region',
        ])
        expect(res.body).toMatchObject({
          name,
          status: 'ready',
          tags: [],
          version_count: 0,
          description: '',
          managed: false,
          protected: false,
          type: 'opaque',
          path: '/capstan/tests',
          ephemeral_policy: null,
          used_by: [],
          deletion_requested_at: null,
          key_id: null,
          region: t.ids.region,
        })
        expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      })

      it('normalises an ephemeral time_to_live to whole seconds', async () => {
        const s = await create({
          ephemeral_policy: { time_to_live: '1800.000000000s', action: 'delete' },
        })
        expect(s.ephemeral_policy).toEqual({
          time_to_live: '1800s',
          expires_once_accessed: null,
          action: 'delete',
        })
      })

      it('answers 400 invalid_arguments when name is missing', async () => {
        const res = await t.call('POST', base, { body: { project_id: t.ids.projectId } })
        expect(res.status).toBe(400)
        expect(res.body).toMatchObject({
          type: 'invalid_arguments',
          message: 'invalid argument(s)',
        })
        expect(res.body.details[0]).toMatchObject({ argument_name: 'name', reason: 'required' })
      })

      it('answers 400 for a malformed path or an unknown type', async () => {
        const badPath = await t.call('POST', base, {
          body: { project_id: t.ids.projectId, name: unique('p'), path: 'no-leading-slash' },
        })
        expect(badPath.status).toBe(400)
        const badType = await t.call('POST', base, {
          body: { project_id: t.ids.projectId, name: unique('p'), type: 'password' },
        })
        expect(badType.status).toBe(400)
      })

      it('answers 403 permissions_denied for a project that is not yours', async () => {
        const res = await t.call('POST', base, { body: { project_id: randomUUID(), name: 'x' } })
        expect(res.status).toBe(403)
        expect(res.body.type).toBe('permissions_denied')
      })
    })

    describe('GET /secrets/{secret_id}', () => {
      it('returns the secret', async () => {
        const s = await create()
        const res = await t.call('GET', `${base}/${s.id}`)
        expect(res.status).toBe(200)
        expect(res.body).toEqual(s)
      })

      it('answers 404 not_found with the resource and its id', async () => {
        const id = randomUUID()
        const res = await t.call('GET', `${base}/${id}`)
        expect(res.status).toBe(404)
        expect(res.body).toEqual({
          message: 'resource is not found',
          resource: 'secret',
          resource_id: id,
          type: 'not_found',
        })
      })
    })

    describe('PATCH /secrets/{secret_id}', () => {
      it('changes only the fields sent; [] and "" clear; type cannot change', async () => {
        const s = await create({ tags: ['a', 'b'], description: 'before', type: 'key_value' })
        const moved = await t.call('PATCH', `${base}/${s.id}`, { body: { path: '/moved/' } })
        expect(moved.status).toBe(200)
        expect(moved.body).toMatchObject({ name: s.name, tags: ['a', 'b'], path: '/moved' })
        const cleared = await t.call('PATCH', `${base}/${s.id}`, {
          body: { tags: [], description: '', type: 'opaque' },
        })
        expect(cleared.body).toMatchObject({ tags: [], description: '', type: 'key_value' })
      })

      it('answers 404 for an unknown secret', async () => {
        const res = await t.call('PATCH', `${base}/${randomUUID()}`, { body: { name: 'x' } })
        expect(res.status).toBe(404)
        expect(res.body.type).toBe('not_found')
      })
    })

    describe('DELETE /secrets/{secret_id}', () => {
      it('schedules deletion: 204, then GET shows deletion_requested_at', async () => {
        const s = await create()
        const del = await t.call('DELETE', `${base}/${s.id}`)
        expect(del.status).toBe(204)
        expect(del.text).toBe('')
        const after = await t.call('GET', `${base}/${s.id}`)
        expect(after.status).toBe(200)
        expect(after.body.deletion_requested_at).not.toBeNull()
        expect(after.body.updated_at).toBe(after.body.deletion_requested_at)
      })

      it('deletes an ephemeral secret at once (GET is then 404)', async () => {
        const s = await create({
          ephemeral_policy: { expires_once_accessed: true, action: 'delete' },
        })
        expect((await t.call('DELETE', `${base}/${s.id}`)).status).toBe(204)
        expect((await t.call('GET', `${base}/${s.id}`)).status).toBe(404)
      })

      it('answers 412 precondition_failed for a protected secret', async () => {
        const s = await create({ protected: true })
        const res = await t.call('DELETE', `${base}/${s.id}`)
        expect(res.status).toBe(412)
        expect(res.body).toEqual({
          help_message: 'cannot delete a protected secret',
          message: 'precondition is not respected',
          precondition: 'protected_resource',
          type: 'precondition_failed',
        })
      })

      it('answers 404 for an unknown secret', async () => {
        expect((await t.call('DELETE', `${base}/${randomUUID()}`)).status).toBe(404)
      })
    })

    describe('POST /secrets/{secret_id}/protect and /unprotect', () => {
      it('toggles protected and returns the secret', async () => {
        const s = await create()
        const on = await t.call('POST', `${base}/${s.id}/protect`, { body: {} })
        expect(on.status).toBe(200)
        expect(on.body.protected).toBe(true)
        const off = await t.call('POST', `${base}/${s.id}/unprotect`, { body: {} })
        expect(off.status).toBe(200)
        expect(off.body.protected).toBe(false)
      })

      it('answers 404 for an unknown secret', async () => {
        const res = await t.call('POST', `${base}/${randomUUID()}/protect`, { body: {} })
        expect(res.status).toBe(404)
      })
    })

    describe('POST /secrets/{secret_id}/restore', () => {
      it('brings a scheduled secret back into the default list', async () => {
        const s = await create()
        await t.call('DELETE', `${base}/${s.id}`)
        const res = await t.call('POST', `${base}/${s.id}/restore`, { body: {} })
        expect(res.status).toBe(200)
        expect(res.body.deletion_requested_at).toBeNull()
        const listed = await listQuery({ name: s.name })
        expect(listed.body.secrets.map((x: { id: string }) => x.id)).toContain(s.id)
      })

      it('answers 404 for an unknown secret', async () => {
        const res = await t.call('POST', `${base}/${randomUUID()}/restore`, { body: {} })
        expect(res.status).toBe(404)
      })
    })

    describe('POST /secrets/{secret_id}/add-owner', () => {
      it('answers 204 and lists the product in used_by', async () => {
        const s = await create()
        const res = await t.call('POST', `${base}/${s.id}/add-owner`, {
          body: { product: 'edge_services' },
        })
        expect(res.status).toBe(204)
        expect((await t.call('GET', `${base}/${s.id}`)).body.used_by).toEqual(['edge_services'])
      })

      it('answers 400 for an unknown product', async () => {
        const s = await create()
        const res = await t.call('POST', `${base}/${s.id}/add-owner`, { body: { product: 'x' } })
        expect(res.status).toBe(400)
        expect(res.body.type).toBe('invalid_arguments')
      })
    })
  })
}
