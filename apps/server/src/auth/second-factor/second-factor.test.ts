import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadOidcConfig } from '../oidc/oidc-config.ts'
import { createTestApp, readApiError, type TestApp } from '../test-app.ts'

let t: TestApp
let admin: string
beforeEach(async () => {
  t = createTestApp()
  admin = await t.setUpAdmin()
})
afterEach(() => {
  t.close()
})

const OPERATOR = { username: 'olga', password: 'operator-password-1', role: 'operator' }

/** A confirmed authenticator, as the TOTP enrolment leaves it (the sign-in step reads only this). */
function giveTotp(userId: string) {
  t.db
    .prepare(
      `INSERT INTO totp_secrets (user_id, secret, confirmed_at, created_at) VALUES (?, ?, ?, ?)`,
    )
    .run(userId, 'JBSWY3DPEHPK3PXP', Date.now(), Date.now())
}

const login = ({ username, password }: { username: string; password: string }) =>
  t.call('POST', '/auth/login', { username, password })

describe('a password sign-in of a user with a second factor', () => {
  it('opens a sign-in challenge, not a session: the password alone reaches no route', async () => {
    giveTotp(await t.createUser(admin, OPERATOR))

    const res = await login(OPERATOR)

    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ user: null, secondFactor: { methods: ['totp'] } })
    expect(t.sessionFrom(res)).toBeUndefined()
    const challenge = res.headers.getSetCookie().find((c) => c.startsWith('hm_sign_in='))
    expect(challenge).toMatch(/HttpOnly/i)
    expect(challenge).toMatch(/SameSite=Strict/i)
    const raw = challenge?.split(';')[0]?.split('=')[1] ?? ''
    // The challenge's id is no session id, even when presented as one.
    const asSession = await t.call('GET', '/auth/me', undefined, { session: raw })
    expect(asSession.status).toBe(401)
  })

  it('signs in at once when the user has none', async () => {
    await t.createUser(admin, OPERATOR)
    const res = await login(OPERATOR)
    expect(await res.json()).toMatchObject({ user: { username: 'olga' } })
    expect(t.sessionFrom(res)).toBeDefined()
  })
})

describe('roles that must have a second factor', () => {
  it('let a member without one do nothing but enrol, until they have one', async () => {
    const id = await t.createUser(admin, OPERATOR)
    const put = await t.call(
      'PUT',
      '/auth/settings',
      { passwordSignIn: 'everyone', secondFactorRoles: ['operator'] },
      { session: admin },
    )
    expect(put.status).toBe(200)

    const res = await login(OPERATOR)
    expect(await res.json()).toMatchObject({ user: { mustEnrolSecondFactor: true } })
    const session = t.sessionFrom(res)
    const tokens = await t.call('GET', '/tokens', undefined, { session })
    expect(await readApiError(tokens)).toMatchObject({
      status: 403,
      message: expect.stringMatching(/requires a second factor/),
    })
    const status = await t.call('GET', '/auth/second-factors', undefined, { session })
    expect(await status.json()).toMatchObject({ required: true, totp: { enrolled: false } })

    giveTotp(id)
    expect((await t.call('GET', '/tokens', undefined, { session })).status).toBe(200)
    const me = await t.call('GET', '/auth/session', undefined, { session })
    const body: unknown = await me.json()
    expect(body).toMatchObject({ user: { username: 'olga' } })
    expect(body).not.toHaveProperty('user.mustEnrolSecondFactor')
  })
})

describe('password sign-in for admins only', () => {
  // Only with single sign-on configured (else 409): nothing here reaches the provider.
  beforeEach(async () => {
    t.close()
    const env = {
      HARBORMASTER_OIDC_ISSUER: 'https://id.example.test',
      HARBORMASTER_OIDC_CLIENT_ID: 'hm',
    }
    t = createTestApp({ oidc: loadOidcConfig(env, 'http://localhost:8080') })
    admin = await t.setUpAdmin()
  })

  it('refuses other roles by password and keeps the break-glass admin', async () => {
    await t.createUser(admin, OPERATOR)
    await t.call(
      'PUT',
      '/auth/settings',
      { passwordSignIn: 'admins', secondFactorRoles: [] },
      { session: admin },
    )

    expect(await readApiError(await login(OPERATOR))).toMatchObject({ status: 403 })
    expect((await login({ username: 'admin', password: 'admin-password-1' })).status).toBe(200)
    const options = await t.call('GET', '/auth/sign-in-options')
    expect(await options.json()).toMatchObject({ passwordSignIn: 'admins' })
    const audit = await t.call('GET', '/audit?action=auth.settings', undefined, { session: admin })
    // Audited (the redactor masks any key that names a password, this one too).
    expect(await audit.json()).toMatchObject({
      entries: [{ action: 'auth.settings', status: 200, actorName: 'admin' }],
    })
  })
})

describe("an admin's reset of a user's second factors", () => {
  it('removes them, so the password signs in again, and is audited', async () => {
    const id = await t.createUser(admin, OPERATOR)
    giveTotp(id)

    const reset = await t.call('DELETE', `/users/${id}/second-factors`, undefined, {
      session: admin,
    })

    expect(reset.status).toBe(204)
    expect(await (await login(OPERATOR)).json()).toMatchObject({ user: { username: 'olga' } })
    const audit = await t.call('GET', '/audit?action=user.reset-second-factors', undefined, {
      session: admin,
    })
    expect(JSON.stringify(await audit.json())).toContain(id)
  })

  it('is for admins only', async () => {
    const id = await t.createUser(admin, OPERATOR)
    const session = await t.signIn(OPERATOR.username, OPERATOR.password)
    const res = await t.call('DELETE', `/users/${id}/second-factors`, undefined, { session })
    expect(res.status).toBe(403)
  })
})
