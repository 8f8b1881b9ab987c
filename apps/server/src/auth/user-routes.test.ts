import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, readApiError, type TestApp } from './test-app.ts'
import type { CredentialsChanged } from './user-events.ts'

let t: TestApp
let admin: string
beforeEach(async () => {
  t = createTestApp()
  admin = await t.setUpAdmin('admin-password-1')
})
afterEach(() => {
  t.close()
})

const adminId = () => t.services.auth.users.getByUsername('admin')?.id ?? ''

describe('/api/users (admin only)', () => {
  it('creates and lists users with their grants, never their hashes', async () => {
    const res = await t.call(
      'POST',
      '/users',
      {
        username: 'olive',
        password: 'olive-password',
        role: 'operator',
        hostGrants: [{ hostId: 'local', role: 'viewer', labelScope: 'team=web' }],
      },
      { session: admin },
    )
    const list = await t.call('GET', '/users', undefined, { session: admin })

    expect(res.status).toBe(201)
    const text = await list.text()
    expect(JSON.parse(text)).toMatchObject({
      users: [
        { username: 'admin', role: 'admin', disabled: false },
        {
          username: 'olive',
          role: 'operator',
          hostGrants: [{ hostId: 'local', role: 'viewer', labelScope: 'team=web' }],
        },
      ],
    })
    expect(text).not.toMatch(/argon2|password/i)
  })

  it('refuses a duplicate username (any case) with 409 and invalid input with 400', async () => {
    await t.createUser(admin, { username: 'olive', password: 'olive-password', role: 'viewer' })

    const duplicate = await t.call(
      'POST',
      '/users',
      { username: 'OLIVE', password: 'olive-password', role: 'viewer' },
      { session: admin },
    )
    const badName = await t.call(
      'POST',
      '/users',
      { username: '-x', password: 'olive-password', role: 'viewer' },
      { session: admin },
    )
    const badScope = await t.call(
      'POST',
      '/users',
      {
        username: 'ok',
        password: 'olive-password',
        role: 'viewer',
        hostGrants: [{ hostId: 'h', role: 'viewer', labelScope: 'a b' }],
      },
      { session: admin },
    )

    expect(await readApiError(duplicate)).toMatchObject({ status: 409, code: 'conflict' })
    expect(await readApiError(badName)).toMatchObject({ status: 400, message: /^json\.username:/ })
    expect(await readApiError(badScope)).toMatchObject({
      status: 400,
      message: /^json\.hostGrants\.0\.labelScope:/,
    })
  })

  it('answers 401 without a session and 403 naming the role to an operator', async () => {
    await t.createUser(admin, { username: 'olive', password: 'olive-password', role: 'operator' })
    const operator = await t.signIn('olive', 'olive-password')

    const anonymous = await t.call('GET', '/users')
    const forbidden = await t.call(
      'POST',
      '/users',
      { username: 'x1', password: 'xxxxxxxx', role: 'admin' },
      { session: operator },
    )

    expect(await readApiError(anonymous)).toMatchObject({ status: 401, code: 'unauthenticated' })
    expect(await readApiError(forbidden)).toEqual({
      status: 403,
      code: 'forbidden',
      message: 'This action needs the admin role',
    })
    expect(t.services.auth.users.getByUsername('x1')).toBeUndefined()
  })

  it('disabling a user ends their sessions and tokens, and says so on the user events', async () => {
    const id = await t.createUser(admin, {
      username: 'olive',
      password: 'olive-password',
      role: 'viewer',
    })
    const session = await t.signIn('olive', 'olive-password')
    const { token } = t.services.auth.tokens.create(id, 'script')
    const events: CredentialsChanged[] = []
    const listener = (e: CredentialsChanged) => events.push(e)
    t.services.userEvents.on('credentials-changed', listener)

    const res = await t.call('PATCH', `/users/${id}`, { disabled: true }, { session: admin })
    t.services.userEvents.off('credentials-changed', listener)

    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ user: { id, disabled: true } })
    expect(events).toContainEqual({ userId: id })
    expect((await t.call('GET', '/auth/me', undefined, { session })).status).toBe(401)
    expect((await t.call('GET', '/auth/me', undefined, { token })).status).toBe(401)
    await expect(t.signIn('olive', 'olive-password')).rejects.toThrow(/401/)
  })

  it("announces credential changes to its own app's listeners only", async () => {
    const other = createTestApp()
    const heard: CredentialsChanged[] = []
    other.services.userEvents.on('credentials-changed', (e) => heard.push(e))
    const id = await t.createUser(admin, {
      username: 'pia',
      password: 'pia-password',
      role: 'viewer',
    })

    const res = await t.call('PATCH', `/users/${id}`, { disabled: true }, { session: admin })
    other.close()

    expect(res.status).toBe(200)
    expect(heard).toEqual([])
  })

  it('a role change ends the sessions; a grants change keeps them and applies at once', async () => {
    const id = await t.createUser(admin, {
      username: 'olive',
      password: 'olive-password',
      role: 'operator',
    })
    const first = await t.signIn('olive', 'olive-password')

    await t.call(
      'PATCH',
      `/users/${id}`,
      { hostGrants: [{ hostId: 'h1', role: 'none' }] },
      { session: admin },
    )
    const afterGrants = await t.call('GET', '/auth/me', undefined, { session: first })
    await t.call('PATCH', `/users/${id}`, { role: 'viewer' }, { session: admin })
    const afterRole = await t.call('GET', '/auth/me', undefined, { session: first })

    expect(await afterGrants.json()).toMatchObject({
      user: { role: 'operator', hostGrants: [{ hostId: 'h1', role: 'none' }] },
    })
    expect(afterRole.status).toBe(401)
  })

  it('an admin password reset ends the user’s sessions', async () => {
    const id = await t.createUser(admin, {
      username: 'olive',
      password: 'olive-password',
      role: 'viewer',
    })
    const session = await t.signIn('olive', 'olive-password')

    const res = await t.call(
      'POST',
      `/users/${id}/password`,
      { password: 'new-olive-pass' },
      { session: admin },
    )

    expect(res.status).toBe(204)
    expect((await t.call('GET', '/auth/me', undefined, { session })).status).toBe(401)
    await expect(t.signIn('olive', 'new-olive-pass')).resolves.toBeDefined()
  })

  it('never demotes, disables or deletes the last enabled admin', async () => {
    const demote = await t.call(
      'PATCH',
      `/users/${adminId()}`,
      { role: 'operator' },
      { session: admin },
    )
    const disable = await t.call(
      'PATCH',
      `/users/${adminId()}`,
      { disabled: true },
      { session: admin },
    )
    const deleteSelf = await t.call('DELETE', `/users/${adminId()}`, undefined, { session: admin })

    expect(await readApiError(demote)).toMatchObject({ status: 409, code: 'conflict' })
    expect(await readApiError(disable)).toMatchObject({ status: 409, code: 'conflict' })
    expect(await readApiError(deleteSelf)).toMatchObject({ status: 409, code: 'conflict' })
    expect(t.services.auth.users.get(adminId())).toMatchObject({ role: 'admin', disabled: false })
  })

  it('lets an admin step down once another enabled admin exists, and delete other users', async () => {
    const second = await t.createUser(admin, {
      username: 'ada',
      password: 'ada-password',
      role: 'admin',
    })
    const viewer = await t.createUser(admin, {
      username: 'vic',
      password: 'vic-password',
      role: 'viewer',
    })

    const demote = await t.call(
      'PATCH',
      `/users/${adminId()}`,
      { role: 'viewer' },
      { session: admin },
    )
    const adaSession = await t.signIn('ada', 'ada-password')
    const lastOne = await t.call(
      'PATCH',
      `/users/${second}`,
      { disabled: true },
      { session: adaSession },
    )
    const removed = await t.call('DELETE', `/users/${viewer}`, undefined, { session: adaSession })
    const missing = await t.call('DELETE', `/users/${viewer}`, undefined, { session: adaSession })

    expect(demote.status).toBe(200)
    expect(lastOne.status).toBe(409)
    expect(removed.status).toBe(204)
    expect(missing.status).toBe(404)
  })

  it('refuses an empty or unknown-key PATCH with 400', async () => {
    const empty = await t.call('PATCH', `/users/${adminId()}`, {}, { session: admin })
    const extra = await t.call(
      'PATCH',
      `/users/${adminId()}`,
      { username: 'x' },
      { session: admin },
    )

    expect((await readApiError(empty)).status).toBe(400)
    expect((await readApiError(extra)).status).toBe(400)
  })
})
