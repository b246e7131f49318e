import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qoveryTargets, type QoveryTarget } from '../contract/targets.js'

// Contract suite for the Organization Api Token API; see docs/sandbox.md.
for (const factory of qoveryTargets()) {
  describe(`Qovery organization API tokens contract [${factory.name}]`, () => {
    let t: QoveryTarget
    let base: string
    let roleId: string | null = null
    const created: string[] = []

    beforeAll(async () => {
      t = await factory.start()
      base = `/organization/${t.ids.organizationId}/apiToken`
      // Built-in role ids differ per organization: read one from the existing tokens.
      const res = await t.call('GET', base)
      roleId = (res.body?.results?.[0]?.role_id as string | undefined) ?? null
    })
    afterAll(async () => {
      for (const id of created) await t.call('DELETE', `${base}/${id}`)
      await t.close()
    })

    const create = async (name: string) => {
      const res = await t.call('POST', base, {
        body: { name, description: 'capstan contract test', role_id: roleId },
      })
      if (res.status === 201) created.push(res.body.id)
      return res
    }

    describe('GET /organization/{id}/apiToken', () => {
      it('lists tokens in {results} without any token string', async () => {
        const res = await t.call('GET', base)
        expect(res.status).toBe(200)
        expect(Array.isArray(res.body.results)).toBe(true)
        for (const tok of res.body.results) {
          expect(tok).not.toHaveProperty('token')
          expect(tok).toHaveProperty('name')
          expect(tok).toHaveProperty('role_name')
        }
      })

      it('filters by name and creatorName', async () => {
        const name = `capstan-filter-${randomUUID().slice(0, 8)}`
        expect((await create(name)).status).toBe(201)
        const byName = await t.call('GET', base, { query: { name } })
        expect(byName.body.results.map((x: { name: string }) => x.name)).toEqual([name])
        const none = await t.call('GET', base, { query: { creatorName: `nobody-${randomUUID()}` } })
        expect(none.status).toBe(200)
        expect(none.body.results).toEqual([])
      })

      it('answers 401 without credentials', async () => {
        expect((await t.anonymous('GET', base)).status).toBe(401)
      })

      it('answers 403 for an unknown organization id', async () => {
        expect((await t.call('GET', `/organization/${randomUUID()}/apiToken`)).status).toBe(403)
      })
    })

    describe('POST /organization/{id}/apiToken', () => {
      it('creates a token (201) and returns the token string only once', async () => {
        const name = `capstan-create-${randomUUID().slice(0, 8)}`
        const res = await create(name)
        expect(res.status).toBe(201)
        expect(res.body).toMatchObject({ name, description: 'capstan contract test' })
        expect(res.body.token).toMatch(/^qov_/)
        const listed = await t.call('GET', base, { query: { name } })
        expect(listed.text).not.toContain(res.body.token)
      })

      it('answers 409 for a duplicate name', async () => {
        const name = `capstan-dup-${randomUUID().slice(0, 8)}`
        expect((await create(name)).status).toBe(201)
        const again = await create(name)
        expect(again.status).toBe(409)
        expect(again.body.status).toBe(409)
      })

      it('answers 400 when name is missing', async () => {
        const res = await t.call('POST', base, { body: { role_id: roleId } })
        expect(res.status).toBe(400)
      })

      it('answers 403 for an unknown organization id', async () => {
        const res = await t.call('POST', `/organization/${randomUUID()}/apiToken`, {
          body: { name: 'x', role_id: roleId },
        })
        expect(res.status).toBe(403)
      })

      it('answers 401 without credentials', async () => {
        const res = await t.anonymous('POST', base, { body: { name: 'x', role_id: roleId } })
        expect(res.status).toBe(401)
      })
    })

    describe('DELETE /organization/{id}/apiToken/{apiTokenId}', () => {
      it('deletes with 204; the token no longer lists and a second delete is 404', async () => {
        const res = await create(`capstan-del-${randomUUID().slice(0, 8)}`)
        expect(res.status).toBe(201)
        const del = await t.call('DELETE', `${base}/${res.body.id}`)
        expect(del.status).toBe(204)
        expect(del.text).toBe('')
        const ids = (await t.call('GET', base)).body.results.map((x: { id: string }) => x.id)
        expect(ids).not.toContain(res.body.id)
        expect((await t.call('DELETE', `${base}/${res.body.id}`)).status).toBe(404)
      })

      it('answers 403 for an unknown organization id', async () => {
        const res = await t.call('DELETE', `/organization/${randomUUID()}/apiToken/${randomUUID()}`)
        expect(res.status).toBe(403)
      })
    })
  })
}
