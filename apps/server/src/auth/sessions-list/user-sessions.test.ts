import type { AuditPage, SignInSessionList } from '@harbormaster/contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, readApiError, type TestApp } from '../test-app.ts'

const OPERATOR = { username: 'olga', password: 'operator-password-1', role: 'operator' }
const VIEWER = { username: 'vera', password: 'viewer-password-1', role: 'viewer' }
const UNKNOWN_USER = 'no-such-user'

let t: TestApp
let admin: string
let operatorId: string
let operator: string[]
beforeEach(async () => {
  t = createTestApp()
  admin = await t.setUpAdmin()
  operatorId = await t.createUser(admin, OPERATOR)
  operator = [
    await t.signIn(OPERATOR.username, OPERATOR.password, '198.51.100.1'),
    await t.signIn(OPERATOR.username, OPERATOR.password, '198.51.100.2'),
  ]
})
afterEach(() => {
  t.close()
})

const asAdmin = (method: string, path: string) =>
  t.call(method, path, undefined, { session: admin })

async function sessionsOf(userId: string) {
  const res = await asAdmin('GET', `/users/${userId}/sessions`)
  expect(res.status).toBe(200)
  return ((await res.json()) as SignInSessionList).sessions
}

const meStatus = async (session: string | undefined) =>
  (await t.call('GET', '/auth/me', undefined, { session })).status

async function auditOf(action: string) {
  return ((await (await asAdmin('GET', `/audit?action=${action}`)).json()) as AuditPage).entries
}

describe("an admin's view of a user's sessions", () => {
  it('lists them, none marked as the admin’s current one', async () => {
    const sessions = await sessionsOf(operatorId)
    expect(sessions.map((s) => s.address).sort()).toEqual(['198.51.100.1', '198.51.100.2'])
    expect(sessions.every((s) => !s.current)).toBe(true)
  })

  it('ends one of them, audited with the session as target', async () => {
    const [first] = await sessionsOf(operatorId)
    if (!first) throw new Error('no session')

    expect((await asAdmin('DELETE', `/users/${operatorId}/sessions/${first.id}`)).status).toBe(204)

    expect((await sessionsOf(operatorId)).map((s) => s.id)).not.toContain(first.id)
    expect((await Promise.all(operator.map(meStatus))).sort()).toEqual([200, 401])
    expect(await auditOf('user.session.revoke')).toMatchObject([
      { actorName: 'admin', target: first.id, status: 204, parameters: { userId: operatorId } },
    ])
  })

  it('ends them all, the user’s API tokens untouched, audited with the user as target', async () => {
    const created = await t.call('POST', '/tokens', { name: 'ci' }, { session: operator[0] })
    const { token } = (await created.json()) as { token: string }

    const res = await asAdmin('DELETE', `/users/${operatorId}/sessions`)

    expect(await res.json()).toEqual({ ended: 2 })
    expect(await Promise.all(operator.map(meStatus))).toEqual([401, 401])
    expect(await sessionsOf(operatorId)).toEqual([])
    expect((await t.call('GET', '/auth/me', undefined, { token })).status).toBe(200)
    expect(await meStatus(admin)).toBe(200)
    expect(await auditOf('user.end-sessions')).toMatchObject([{ target: operatorId, status: 200 }])
  })

  it('answers 404 for a session of another user and for an unknown user', async () => {
    const viewerId = await t.createUser(admin, VIEWER)
    const [ofOperator] = await sessionsOf(operatorId)

    const wrongUser = await asAdmin('DELETE', `/users/${viewerId}/sessions/${ofOperator?.id}`)
    expect(await readApiError(wrongUser)).toMatchObject({ status: 404 })
    expect(await Promise.all(operator.map(meStatus))).toEqual([200, 200])
    expect((await asAdmin('GET', `/users/${UNKNOWN_USER}/sessions`)).status).toBe(404)
    expect((await asAdmin('DELETE', `/users/${UNKNOWN_USER}/sessions`)).status).toBe(404)
  })

  it('is for admins only, and a refusal is audited', async () => {
    const [own] = await sessionsOf(operatorId)
    const session = operator[0]
    const list = await t.call('GET', `/users/${operatorId}/sessions`, undefined, { session })
    expect(list.status).toBe(403)
    const end = await t.call('DELETE', `/users/${operatorId}/sessions`, undefined, { session })
    expect(end.status).toBe(403)
    const one = await t.call('DELETE', `/users/${operatorId}/sessions/${own?.id}`, undefined, {
      session,
    })
    expect(one.status).toBe(403)
    expect(await Promise.all(operator.map(meStatus))).toEqual([200, 200])
    expect(await auditOf('user.end-sessions')).toMatchObject([{ actorName: 'olga', status: 403 }])
  })

  it('an admin ending their own sessions is signed out here too', async () => {
    const me = (await (await asAdmin('GET', '/auth/me')).json()) as { user: { id: string } }

    const res = await asAdmin('DELETE', `/users/${me.user.id}/sessions`)

    expect(res.status).toBe(200)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${t.cookieName}=`))
    expect(cookie).toMatch(/Max-Age=0/i)
    expect(await meStatus(admin)).toBe(401)
  })
})
