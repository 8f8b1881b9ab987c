import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readApiError } from '../test-app.ts'
import { codeAt, enrol, OPERATOR, passwordStep, secondStep, totpTestApp } from './totp-test-kit.ts'

let kit: ReturnType<typeof totpTestApp>
let admin: string
let operatorId: string
let session: string
beforeEach(async () => {
  kit = totpTestApp()
  admin = await kit.t.setUpAdmin()
  operatorId = await kit.t.createUser(admin, OPERATOR)
  session = await kit.t.signIn(OPERATOR.username, OPERATOR.password)
})
afterEach(() => {
  kit.t.close()
})

const login = () =>
  kit.t.call('POST', '/auth/login', { username: OPERATOR.username, password: OPERATOR.password })

const status = async (as = session) =>
  (await kit.t.call('GET', '/auth/second-factors', undefined, { session: as })).json()

describe('setting up an authenticator app', () => {
  it('hands out a key, its otpauth URI and a QR code; only a code confirms it', async () => {
    const { t } = kit
    const start = await t.call('POST', '/auth/totp', undefined, { session })
    expect(start.status).toBe(201)
    const body = (await start.json()) as Record<string, string>
    const key = body.manualKey ?? ''
    expect(key).toMatch(/^[A-Z2-7]{32}$/)
    const uri = new URL(body.otpauthUri ?? '')
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.host).toBe('totp')
    expect(decodeURIComponent(uri.pathname)).toBe('/Harbormaster:olga')
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret: key,
      issuer: 'Harbormaster',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    })
    expect(body.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
    // Unconfirmed, it is no second factor: the password alone still signs in.
    expect(await status()).toMatchObject({ totp: { enrolled: false }, recoveryCodesLeft: 0 })
    expect(await (await login()).json()).toMatchObject({
      user: { username: 'olga' },
    })

    const wrong = await t.call('POST', '/auth/totp/confirm', { code: '000000' }, { session })
    const right = await t.call(
      'POST',
      '/auth/totp/confirm',
      { code: codeAt(key, kit.now()) },
      { session },
    )

    expect(await readApiError(wrong)).toMatchObject({ status: 400, message: /^json\.code/ })
    expect(right.status).toBe(200)
    expect(((await right.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10)
    expect(await status()).toMatchObject({ totp: { enrolled: true }, recoveryCodesLeft: 10 })
  })

  it('refuses to start over a confirmed one, and replaces an abandoned one', async () => {
    const { t } = kit
    const first = (await (await t.call('POST', '/auth/totp', undefined, { session })).json()) as {
      manualKey: string
    }
    const { manualKey } = await enrol(t, session, kit.now())
    expect(manualKey).not.toBe(first.manualKey)

    const again = await t.call('POST', '/auth/totp', undefined, { session })

    expect(await readApiError(again)).toMatchObject({ status: 409, code: 'conflict' })
  })

  it('is refused to an API token', async () => {
    const { t } = kit
    const created = await t.call('POST', '/tokens', { name: 'ci' }, { session })
    const { token } = (await created.json()) as { token: string }
    const res = await t.call('POST', '/auth/totp', undefined, { token })
    expect(await readApiError(res)).toMatchObject({ status: 403, message: /browser session/ })
  })

  it('is audited without the secret or any code', async () => {
    const { t } = kit
    const { manualKey, recoveryCodes } = await enrol(t, session, kit.now())
    const entries = []
    for (const action of ['auth.totp.start', 'auth.totp.confirm']) {
      const res = await t.call('GET', `/audit?action=${action}`, undefined, { session: admin })
      entries.push(...((await res.json()) as { entries: unknown[] }).entries)
    }
    expect(entries).toMatchObject([
      { action: 'auth.totp.start', actorName: 'olga', status: 201 },
      { action: 'auth.totp.confirm', actorName: 'olga', status: 200 },
    ])
    const text = JSON.stringify(entries)
    for (const secret of [manualKey, ...recoveryCodes]) expect(text).not.toContain(secret)
  })
})

describe('a role that requires a second factor', () => {
  it('lets its member enrol from the enrolment-only session, then do the rest', async () => {
    const { t } = kit
    const rules = { passwordSignIn: 'everyone', secondFactorRoles: ['operator'] }
    expect((await t.call('PUT', '/auth/settings', rules, { session: admin })).status).toBe(200)
    const signedIn = await login()
    expect(await signedIn.json()).toMatchObject({ user: { mustEnrolSecondFactor: true } })
    const enrolling = t.sessionFrom(signedIn)
    expect((await t.call('GET', '/tokens', undefined, { session: enrolling })).status).toBe(403)

    await enrol(t, enrolling ?? '', kit.now())

    expect((await t.call('GET', '/tokens', undefined, { session: enrolling })).status).toBe(200)
    const me = await t.call('GET', '/auth/session', undefined, { session: enrolling })
    expect(await me.json()).not.toHaveProperty('user.mustEnrolSecondFactor')
  })
})

describe('removing the authenticator app and new recovery codes', () => {
  let key: string
  let oldCodes: string[]
  beforeEach(async () => {
    ;({ manualKey: key, recoveryCodes: oldCodes } = await enrol(kit.t, session, kit.now()))
    kit.advance(1)
  })

  it('asks for a current code or the password; then the password alone signs in', async () => {
    const { t } = kit
    const badCode = await t.call('DELETE', '/auth/totp', { code: '000000' }, { session })
    const badPassword = await t.call('DELETE', '/auth/totp', { password: 'nope' }, { session })
    const nothing = await t.call('DELETE', '/auth/totp', {}, { session })
    expect(await readApiError(badCode)).toMatchObject({ status: 400, message: /^json\.code/ })
    expect(await readApiError(badPassword)).toMatchObject({ status: 400 })
    expect(nothing.status).toBe(400)
    expect(await status()).toMatchObject({ totp: { enrolled: true } })

    const code = codeAt(key, kit.now())
    const removed = await t.call('DELETE', '/auth/totp', { code }, { session })

    expect(removed.status).toBe(204)
    // With no second factor left, the recovery codes went too.
    expect(await status()).toMatchObject({ totp: { enrolled: false }, recoveryCodesLeft: 0 })
    expect(await (await login()).json()).toMatchObject({
      user: { username: 'olga' },
    })
    const again = await t.call('DELETE', '/auth/totp', { code }, { session })
    expect(again.status).toBe(404)
  })

  it('takes the password when the authenticator is lost', async () => {
    const { t } = kit
    const proof = { password: OPERATOR.password }
    expect((await t.call('DELETE', '/auth/totp', proof, { session })).status).toBe(204)
  })

  it('replaces every recovery code: the old ones stop working', async () => {
    const { t } = kit
    const res = await t.call(
      'POST',
      '/auth/recovery-codes',
      { code: codeAt(key, kit.now()) },
      { session },
    )
    const { recoveryCodes } = (await res.json()) as { recoveryCodes: string[] }
    expect(recoveryCodes).toHaveLength(10)
    expect(recoveryCodes).not.toContain(oldCodes[0])

    const old = await secondStep(t, 'recovery', oldCodes[0] ?? '', await passwordStep(t))
    const fresh = await secondStep(t, 'recovery', recoveryCodes[0] ?? '', await passwordStep(t))

    expect(old.status).toBe(401)
    expect(fresh.status).toBe(200)
  })
})

describe("an admin's reset", () => {
  it('removes the authenticator and the recovery codes; the list showed them before', async () => {
    const { t } = kit
    await enrol(t, session, kit.now())
    const list = async () => {
      const res = await t.call('GET', '/users', undefined, { session: admin })
      const { users } = (await res.json()) as { users: { id: string; secondFactors: string[] }[] }
      return users.find((u) => u.id === operatorId)?.secondFactors
    }
    expect(await list()).toEqual(['totp', 'recovery'])

    const reset = await t.call('DELETE', `/users/${operatorId}/second-factors`, undefined, {
      session: admin,
    })

    expect(reset.status).toBe(204)
    expect(await list()).toEqual([])
    expect(await status()).toMatchObject({ totp: { enrolled: false }, recoveryCodesLeft: 0 })
    expect(await (await login()).json()).toMatchObject({
      user: { username: 'olga' },
    })
  })
})
