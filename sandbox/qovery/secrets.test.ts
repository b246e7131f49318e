import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qoveryTargets, type QoveryTarget } from '../contract/targets.js'

// Contract suite for the Container Secret and Job Secret APIs; see docs/sandbox.md.
const suffix = (): string => randomUUID().slice(0, 8).toUpperCase()

interface Secret {
  id: string
  key: string
  scope: string
  variable_type: string
  [k: string]: unknown
}

for (const factory of qoveryTargets()) {
  for (const kind of ['container', 'job'] as const) {
    describe(`Qovery ${kind} secrets contract [${factory.name}]`, () => {
      let t: QoveryTarget
      let base: string
      const created: string[] = []
      const SCOPE = kind.toUpperCase()

      beforeAll(async () => {
        t = await factory.start()
        base = `/${kind}/${kind === 'container' ? t.ids.containerId : t.ids.jobId}/secret`
      })
      afterAll(async () => {
        for (const id of created.reverse()) await t.call('DELETE', `${base}/${id}`)
        await t.close()
      })

      const list = async (): Promise<Secret[]> => {
        const res = await t.call('GET', base)
        expect(res.status).toBe(200)
        return res.body.results as Secret[]
      }
      const create = async (body: Record<string, unknown>): Promise<Secret> => {
        const res = await t.call('POST', base, { body })
        expect(res.status).toBe(201)
        created.push(res.body.id)
        return res.body as Secret
      }
      const higherValueSecret = async (): Promise<Secret> => {
        const all = await list()
        const own = new Set(all.filter((s) => s.scope === SCOPE).map((s) => s.key))
        const found = all.find(
          (s) =>
            (s.scope === 'PROJECT' || s.scope === 'ENVIRONMENT') &&
            s.variable_type === 'VALUE' &&
            !own.has(s.key),
        )
        expect(found, 'a PROJECT or ENVIRONMENT VALUE secret not yet overridden').toBeDefined()
        return found as Secret
      }

      describe(`GET /${kind}/{id}/secret`, () => {
        it('lists own and inherited secrets in {results}, never with a value', async () => {
          const res = await t.call('GET', base)
          expect(res.status).toBe(200)
          expect(Object.keys(res.body)).toEqual(['results'])
          const scopes = new Set((res.body.results as Secret[]).map((s) => s.scope))
          expect(scopes).toContain('PROJECT')
          expect(scopes).toContain('ENVIRONMENT')
          expect(scopes).toContain('BUILT_IN')
          for (const s of res.body.results as Secret[]) {
            expect(s).not.toHaveProperty('value')
            expect(s).not.toHaveProperty('mount_path')
            expect(typeof s.variable_type).toBe('string')
          }
        })

        it('answers 401 without credentials and with a wrong token', async () => {
          expect((await t.anonymous('GET', base)).status).toBe(401)
          const wrong = await t.anonymous('GET', base, {
            headers: { authorization: 'Token qov_not-a-real-token' },
          })
          expect(wrong.status).toBe(401)
        })

        it(`answers 403 for an unknown ${kind} id`, async () => {
          const res = await t.call('GET', `/${kind}/${randomUUID()}/secret`)
          expect(res.status).toBe(403)
        })
      })

      describe(`POST /${kind}/{id}/secret`, () => {
        it(`creates a VALUE secret at the ${SCOPE} scope (201, no value echoed)`, async () => {
          const key = `CAPSTAN_VALUE_${suffix()}`
          const s = await create({ key, value: 'hunter2', description: 'contract test' })
          expect(s).toMatchObject({ key, scope: SCOPE, variable_type: 'VALUE' })
          expect(s.service_type).toBe(SCOPE)
          expect(JSON.stringify(s)).not.toContain('hunter2')
          expect((await list()).some((x) => x.id === s.id)).toBe(true)
        })

        it('creates a FILE secret when mount_path is set', async () => {
          const key = `CAPSTAN_FILE_${suffix()}`
          const s = await create({ key, value: 'line1\n', mount_path: '/etc/capstan/test.txt' })
          expect(s.variable_type).toBe('FILE')
          expect(s).not.toHaveProperty('mount_path')
        })

        it('answers 400 when key is missing', async () => {
          const res = await t.call('POST', base, { body: { value: 'x' } })
          expect(res.status).toBe(400)
          expect(res.body.status).toBe(400)
          expect(typeof res.body.detail).toBe('string')
        })

        it('answers 400 when description exceeds 255 characters', async () => {
          const res = await t.call('POST', base, {
            body: { key: `CAPSTAN_LONG_${suffix()}`, value: 'x', description: 'd'.repeat(256) },
          })
          expect(res.status).toBe(400)
        })

        it('answers 400 for a key that already exists at the same scope', async () => {
          const key = `CAPSTAN_DUP_${suffix()}`
          await create({ key, value: 'a' })
          const res = await t.call('POST', base, { body: { key, value: 'b' } })
          expect(res.status).toBe(400)
          expect(res.body.detail).toContain(key)
        })

        it(`answers 403 for an unknown ${kind} id`, async () => {
          const res = await t.call('POST', `/${kind}/${randomUUID()}/secret`, {
            body: { key: 'CAPSTAN_X', value: 'x' },
          })
          expect(res.status).toBe(403)
        })

        it('answers 401 without credentials', async () => {
          const res = await t.anonymous('POST', base, { body: { key: 'CAPSTAN_X', value: 'x' } })
          expect(res.status).toBe(401)
        })
      })

      describe(`PUT /${kind}/{id}/secret/{secretId}`, () => {
        it('edits key and description (200)', async () => {
          const s = await create({ key: `CAPSTAN_EDIT_${suffix()}`, value: 'a' })
          const key = `CAPSTAN_EDITED_${suffix()}`
          const res = await t.call('PUT', `${base}/${s.id}`, {
            body: { key, value: 'b', description: 'edited' },
          })
          expect(res.status).toBe(200)
          expect(res.body).toMatchObject({ id: s.id, key, description: 'edited' })
          expect(res.body).not.toHaveProperty('value')
        })

        it('answers 400 when key is missing', async () => {
          const s = await create({ key: `CAPSTAN_NOKEY_${suffix()}`, value: 'a' })
          const res = await t.call('PUT', `${base}/${s.id}`, { body: { value: 'b' } })
          expect(res.status).toBe(400)
        })

        it('answers 400 for a built-in secret', async () => {
          const builtIn = (await list()).find((s) => s.scope === 'BUILT_IN') as Secret
          const res = await t.call('PUT', `${base}/${builtIn.id}`, {
            body: { key: builtIn.key, value: 'x' },
          })
          expect(res.status).toBe(400)
        })

        it("answers 400 when changing an override's key", async () => {
          const parent = await higherValueSecret()
          const res = await t.call('POST', `${base}/${parent.id}/override`, {
            body: { value: 'o' },
          })
          expect(res.status).toBe(201)
          created.push(res.body.id)
          const edit = await t.call('PUT', `${base}/${res.body.id}`, {
            body: { key: `${parent.key}_RENAMED`, value: 'o2' },
          })
          expect(edit.status).toBe(400)
        })

        it("answers 400 when changing an alias's value", async () => {
          const parent = await higherValueSecret()
          const key = `CAPSTAN_ALIAS_${suffix()}`
          const res = await t.call('POST', `${base}/${parent.id}/alias`, { body: { key } })
          expect(res.status).toBe(201)
          created.push(res.body.id)
          const edit = await t.call('PUT', `${base}/${res.body.id}`, { body: { key, value: 'v' } })
          expect(edit.status).toBe(400)
        })

        it('answers 404 for an unknown secret id', async () => {
          const res = await t.call('PUT', `${base}/${randomUUID()}`, {
            body: { key: 'CAPSTAN_X', value: 'x' },
          })
          expect(res.status).toBe(404)
        })

        it(`answers 403 for an unknown ${kind} id`, async () => {
          const res = await t.call('PUT', `/${kind}/${randomUUID()}/secret/${randomUUID()}`, {
            body: { key: 'CAPSTAN_X', value: 'x' },
          })
          expect(res.status).toBe(403)
        })
      })

      describe(`DELETE /${kind}/{id}/secret/{secretId}`, () => {
        it('deletes with 204 and an empty body; a second delete is 404', async () => {
          const s = await create({ key: `CAPSTAN_DEL_${suffix()}`, value: 'a' })
          const res = await t.call('DELETE', `${base}/${s.id}`)
          expect(res.status).toBe(204)
          expect(res.text).toBe('')
          expect((await t.call('DELETE', `${base}/${s.id}`)).status).toBe(404)
        })

        it('answers 400 for a built-in secret', async () => {
          const builtIn = (await list()).find((s) => s.scope === 'BUILT_IN') as Secret
          expect((await t.call('DELETE', `${base}/${builtIn.id}`)).status).toBe(400)
        })

        it(`answers 403 for an unknown ${kind} id`, async () => {
          const res = await t.call('DELETE', `/${kind}/${randomUUID()}/secret/${randomUUID()}`)
          expect(res.status).toBe(403)
        })

        it('removes aliases and overrides when their parent is deleted', async () => {
          const projectBase = `/project/${t.ids.projectId}/secret`
          const key = `CAPSTAN_PARENT_${suffix()}`
          const parent = await t.call('POST', projectBase, { body: { key, value: 'p' } })
          expect(parent.status).toBe(201)
          const alias = await t.call('POST', `${base}/${parent.body.id}/alias`, {
            body: { key: `${key}_ALIAS` },
          })
          const override = await t.call('POST', `${base}/${parent.body.id}/override`, {
            body: { value: 'o' },
          })
          expect([alias.status, override.status]).toEqual([201, 201])
          expect((await t.call('DELETE', `${projectBase}/${parent.body.id}`)).status).toBe(204)
          const ids = (await list()).map((s) => s.id)
          expect(ids).not.toContain(alias.body.id)
          expect(ids).not.toContain(override.body.id)
          expect((await t.call('DELETE', `${base}/${alias.body.id}`)).status).toBe(404)
        })
      })

      describe(`POST /${kind}/{id}/secret/{secretId}/alias`, () => {
        it('creates an ALIAS with a new key pointing at the target', async () => {
          const parent = await higherValueSecret()
          const key = `CAPSTAN_ALIAS_${suffix()}`
          const res = await t.call('POST', `${base}/${parent.id}/alias`, {
            body: { key, description: 'alias' },
          })
          expect(res.status).toBe(201)
          created.push(res.body.id)
          expect(res.body).toMatchObject({ key, scope: SCOPE, variable_type: 'ALIAS' })
          expect(res.body.aliased_secret).toMatchObject({
            id: parent.id,
            key: parent.key,
            scope: parent.scope,
          })
          expect(res.body).not.toHaveProperty('value')
        })

        it('answers 400 when the target is at the same scope', async () => {
          const own = await create({ key: `CAPSTAN_OWN_${suffix()}`, value: 'a' })
          const res = await t.call('POST', `${base}/${own.id}/alias`, {
            body: { key: `CAPSTAN_ALIAS_${suffix()}` },
          })
          expect(res.status).toBe(400)
        })

        it('answers 400 for an alias of an alias', async () => {
          const projectBase = `/project/${t.ids.projectId}/secret`
          const envAliasParent = await t.call('POST', projectBase, {
            body: { key: `CAPSTAN_P_${suffix()}`, value: 'p' },
          })
          expect(envAliasParent.status).toBe(201)
          try {
            const a1 = await t.call('POST', `${base}/${envAliasParent.body.id}/alias`, {
              body: { key: `CAPSTAN_A1_${suffix()}` },
            })
            expect(a1.status).toBe(201)
            const a2 = await t.call('POST', `${base}/${a1.body.id}/alias`, {
              body: { key: `CAPSTAN_A2_${suffix()}` },
            })
            expect(a2.status).toBe(400)
          } finally {
            await t.call('DELETE', `${projectBase}/${envAliasParent.body.id}`)
          }
        })

        it('answers 400 when key is missing', async () => {
          const parent = await higherValueSecret()
          const res = await t.call('POST', `${base}/${parent.id}/alias`, { body: {} })
          expect(res.status).toBe(400)
        })

        it('answers 404 for an unknown secret id', async () => {
          const res = await t.call('POST', `${base}/${randomUUID()}/alias`, {
            body: { key: 'CAPSTAN_X' },
          })
          expect(res.status).toBe(404)
        })
      })

      describe(`POST /${kind}/{id}/secret/{secretId}/override`, () => {
        it('creates an OVERRIDE with the same key and a new value', async () => {
          const parent = await higherValueSecret()
          const res = await t.call('POST', `${base}/${parent.id}/override`, {
            body: { value: 'override-value' },
          })
          expect(res.status).toBe(201)
          created.push(res.body.id)
          expect(res.body).toMatchObject({
            key: parent.key,
            scope: SCOPE,
            variable_type: 'OVERRIDE',
          })
          expect(res.body.overridden_secret).toMatchObject({ id: parent.id, scope: parent.scope })
          expect(res.text).not.toContain('override-value')
        })

        it('answers 400 when the target is at the same scope', async () => {
          const own = await create({ key: `CAPSTAN_OWN_${suffix()}`, value: 'a' })
          const res = await t.call('POST', `${base}/${own.id}/override`, { body: { value: 'b' } })
          expect(res.status).toBe(400)
        })

        it('answers 404 for an unknown secret id', async () => {
          const res = await t.call('POST', `${base}/${randomUUID()}/override`, {
            body: { value: 'x' },
          })
          expect(res.status).toBe(404)
        })

        it(`answers 403 for an unknown ${kind} id`, async () => {
          const res = await t.call(
            'POST',
            `/${kind}/${randomUUID()}/secret/${randomUUID()}/override`,
            {
              body: { value: 'x' },
            },
          )
          expect(res.status).toBe(403)
        })
      })
    })
  }
}
