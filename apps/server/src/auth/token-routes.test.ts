import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, readApiError, type TestApp } from './test-app.ts'

let t: TestApp
let session: string
beforeEach(async () => {
  t = createTestApp()
  const admin = await t.setUpAdmin('admin-password-1')
  await t.createUser(admin, { username: 'olive', password: 'olive-password', role: 'operator' })
  session = await t.signIn('olive', 'olive-password')
})
afterEach(() => {
  t.close()
})

async function createToken(name = 'ci'): Promise<{ id: string; token: string }> {
  const res = await t.call('POST', '/tokens', { name }, { session })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; token: string }
}

describe('/api/tokens', () => {
  it('creates a token shown once, which authenticates as the user with their role', async () => {
    const { id, token } = await createToken()

    const me = await t.call('GET', '/auth/me', undefined, { token })
    const list = await t.call('GET', '/tokens', undefined, { session })

    expect(token).toMatch(/^hm_[A-Za-z0-9_-]{43}$/)
    expect(await me.json()).toMatchObject({ user: { username: 'olive', role: 'operator' } })
    const listed = await list.text()
    expect(JSON.parse(listed)).toEqual({
      tokens: [{ id, name: 'ci', createdAt: expect.any(String), lastUsedAt: expect.any(String) }],
    })
    expect(listed).not.toContain(token)
  })

  it('ignores credentials in the query string', async () => {
    const { token } = await createToken()

    const asToken = await t.call('GET', `/auth/me?token=${token}`)
    const asAccessToken = await t.call('GET', `/auth/me?access_token=${token}`)
    const asSession = await t.call('GET', `/auth/me?session=${session}&hm_session=${session}`)

    for (const res of [asToken, asAccessToken, asSession]) {
      expect(await readApiError(res)).toMatchObject({ status: 401, code: 'unauthenticated' })
    }
  })

  it('a revoked token is a 401; revoking twice is a 404', async () => {
    const { id, token } = await createToken()

    const revoke = await t.call('DELETE', `/tokens/${id}`, undefined, { session })
    const again = await t.call('DELETE', `/tokens/${id}`, undefined, { session })

    expect(revoke.status).toBe(204)
    expect(again.status).toBe(404)
    expect((await t.call('GET', '/auth/me', undefined, { token })).status).toBe(401)
    expect(await (await t.call('GET', '/tokens', undefined, { session })).json()).toEqual({
      tokens: [],
    })
  })

  it("cannot revoke another user's token", async () => {
    const { id, token } = await createToken()
    const admin = await t.signIn('admin', 'admin-password-1')

    const res = await t.call('DELETE', `/tokens/${id}`, undefined, { session: admin })

    expect(res.status).toBe(404)
    expect((await t.call('GET', '/auth/me', undefined, { token })).status).toBe(200)
  })

  it('a token cannot mint tokens or change the password; a bad bearer is not rescued by a cookie', async () => {
    const { token } = await createToken()

    const mint = await t.call('POST', '/tokens', { name: 'next' }, { token })
    const password = await t.call(
      'POST',
      '/auth/password',
      { currentPassword: 'olive-password', newPassword: 'other-password' },
      { token },
    )
    const mixed = await t.call('GET', '/auth/me', undefined, { session, token: 'hm_wrong' })

    expect(await readApiError(mint)).toMatchObject({ status: 403, code: 'forbidden' })
    expect(await readApiError(password)).toMatchObject({ status: 403, code: 'forbidden' })
    expect(mixed.status).toBe(401)
  })
})
