import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashSessionId } from '../sessions.ts'
import { createTestApp, readApiError, type TestApp } from '../test-app.ts'
import { passkeyCeremonies } from './passkey-test-support.ts'
import { SoftwareAuthenticator } from './software-authenticator.ts'

let t: TestApp
let admin: string
let ceremonies: ReturnType<typeof passkeyCeremonies>
let operatorId: string
let operator: string
let authenticator: SoftwareAuthenticator
let passkeyId: string
beforeEach(async () => {
  t = createTestApp()
  admin = await t.setUpAdmin()
  ceremonies = passkeyCeremonies(t)
  operatorId = await t.createUser(admin, OPERATOR)
  operator = await t.signIn(OPERATOR.username, OPERATOR.password)
  authenticator = new SoftwareAuthenticator()
  passkeyId = (await ceremonies.add(operator, authenticator, 'Phone')).id
})
afterEach(() => {
  t.close()
})

const OPERATOR = { username: 'olga', password: 'operator-password-1', role: 'operator' }

/** How the session was signed in, as the sessions table keeps it. */
const sessionRow = (session: string | undefined) =>
  t.db
    .prepare<[string], { method: string; second_factor: string | null }>(
      `SELECT method, second_factor FROM sessions WHERE id_hash = ?`,
    )
    .get(hashSessionId(session ?? ''))

describe('password-less sign-in with a passkey', () => {
  it('names no user and needs verification; the passkey alone signs in', async () => {
    const { options } = await ceremonies.signInOptions()
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' })
    expect(options.allowCredentials).toBeUndefined()

    const res = await ceremonies.signIn(authenticator)

    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ user: expect.objectContaining({ username: 'olga' }) })
    const session = t.sessionFrom(res)
    expect(sessionRow(session)).toEqual({ method: 'passkey', second_factor: null })
    expect((await t.call('GET', '/tokens', undefined, { session })).status).toBe(200)
    const status = await t.call('GET', '/auth/second-factors', undefined, { session })
    expect(await status.json()).toMatchObject({
      passkeys: [{ id: passkeyId, lastUsedAt: expect.any(String) }],
    })
    const audit = await t.call('GET', '/audit?action=auth.passkey-sign-in', undefined, {
      session: admin,
    })
    expect(await audit.json()).toMatchObject({ entries: [{ status: 200, actorName: 'olga' }] })
  })

  it('accepts an answer once: a replay, or one without the ceremony cookie, is refused', async () => {
    const { options, cookie } = await ceremonies.signInOptions()
    const credential = authenticator.authenticate(options)
    const send = (headers: Record<string, string>) =>
      t.call('POST', '/auth/passkeys/sign-in', { credential }, { headers })

    expect(await readApiError(await send({}))).toMatchObject({ status: 401, message: /expired/ })
    expect((await send({ Cookie: `hm_passkey=${cookie}` })).status).toBe(200)
    expect(await readApiError(await send({ Cookie: `hm_passkey=${cookie}` }))).toMatchObject({
      status: 401,
      message: /expired/,
    })
  })

  it('refuses an answer the authenticator gave without verifying its user', async () => {
    const res = await ceremonies.signIn(authenticator, { userVerified: false })
    expect(await readApiError(res)).toMatchObject({ status: 401, message: /verif/i })
    expect(t.sessionFrom(res)).toBeUndefined()
  })

  it('refuses a signature counter that went backwards (a copied key)', async () => {
    expect((await ceremonies.signIn(authenticator)).status).toBe(200)
    expect((await ceremonies.signIn(authenticator)).status).toBe(200)
    authenticator.rewind(passkeyId, 1)
    const res = await ceremonies.signIn(authenticator)
    expect(await readApiError(res)).toMatchObject({ status: 401, message: /counter/ })
  })

  it('works for synced passkeys, which count nothing', async () => {
    const synced = new SoftwareAuthenticator({ counts: false })
    await ceremonies.add(operator, synced, 'Synced')
    expect((await ceremonies.signIn(synced)).status).toBe(200)
    expect((await ceremonies.signIn(synced)).status).toBe(200)
  })

  it('refuses a disabled user, and a removed passkey', async () => {
    await t.call('PATCH', `/users/${operatorId}`, { disabled: true }, { session: admin })
    expect(await readApiError(await ceremonies.signIn(authenticator))).toMatchObject({
      status: 401,
      message: /disabled/,
    })
    await t.call('PATCH', `/users/${operatorId}`, { disabled: false }, { session: admin })
    const signedIn = await ceremonies.signIn(authenticator)
    expect(signedIn.status).toBe(200)
    const session = t.sessionFrom(signedIn)
    const removed = await t.call('DELETE', `/auth/passkeys/${passkeyId}`, undefined, { session })
    expect(removed.status).toBe(204)

    expect(await readApiError(await ceremonies.signIn(authenticator))).toMatchObject({
      status: 401,
      message: /not registered/,
    })
  })

  it('is not blocked by password sign-in for admins only', async () => {
    await t.call(
      'PUT',
      '/auth/settings',
      { passwordSignIn: 'admins', secondFactorRoles: ['operator'] },
      { session: admin },
    )
    const res = await ceremonies.signIn(authenticator)
    expect(res.status).toBe(200)
    // A passkey counts as the second factor the role requires.
    expect(await res.json()).not.toHaveProperty('user.mustEnrolSecondFactor')
    expect(
      (await t.call('GET', '/tokens', undefined, { session: t.sessionFrom(res) })).status,
    ).toBe(200)
  })
})

describe('a passkey as the second factor of a password sign-in', () => {
  const passwordStep = async () => {
    const res = await t.call('POST', '/auth/login', {
      username: OPERATOR.username,
      password: OPERATOR.password,
    })
    expect(await res.json()).toEqual({ user: null, secondFactor: { methods: ['passkey'] } })
    return ceremonies.cookieFrom(res, 'hm_sign_in') ?? ''
  }
  const step = (path: string, challenge: string, body?: unknown) =>
    t.call('POST', `/auth/passkeys/second-factor${path}`, body, {
      headers: { Cookie: `hm_sign_in=${challenge}` },
    })

  it("offers only the user's passkeys, and completes the sign-in once", async () => {
    const challenge = await passwordStep()
    const optionsRes = await step('/options', challenge)
    const { options } = (await optionsRes.json()) as {
      options: Parameters<SoftwareAuthenticator['authenticate']>[0]
    }
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([passkeyId])
    const credential = authenticator.authenticate(options)

    const res = await step('', challenge, { credential })

    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ user: { username: 'olga' } })
    const session = t.sessionFrom(res)
    expect(sessionRow(session)).toEqual({ method: 'password', second_factor: 'passkey' })
    expect((await step('', challenge, { credential })).status).toBe(401)
  })

  it("refuses another user's passkey, and needs the password step first", async () => {
    const other = new SoftwareAuthenticator()
    await ceremonies.add(admin, other, 'Admin key')
    const challenge = await passwordStep()
    const { options } = (await (await step('/options', challenge)).json()) as {
      options: Parameters<SoftwareAuthenticator['authenticate']>[0]
    }
    // The admin's authenticator signs the operator's challenge with the admin's passkey.
    const credential = other.authenticate({ challenge: options.challenge })
    expect(await readApiError(await step('', challenge, { credential }))).toMatchObject({
      status: 401,
      message: /not one of this account/,
    })
    expect((await step('/options', 'no-such-challenge')).status).toBe(401)
  })
})
