import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, readApiError, type TestApp } from '../test-app.ts'
import { passkeyCeremonies } from './passkey-test-support.ts'
import { SoftwareAuthenticator } from './software-authenticator.ts'

let t: TestApp
let admin: string
let ceremonies: ReturnType<typeof passkeyCeremonies>
beforeEach(async () => {
  t = createTestApp()
  admin = await t.setUpAdmin()
  ceremonies = passkeyCeremonies(t)
})
afterEach(() => {
  t.close()
})

const OPERATOR = { username: 'olga', password: 'operator-password-1', role: 'operator' }

const statusOf = async (session: string) =>
  (await (await t.call('GET', '/auth/second-factors', undefined, { session })).json()) as {
    passkeys: { id: string; name: string; lastUsedAt: string | null; backedUp: boolean }[]
  }

const auditOf = async (action: string) =>
  (
    (await (
      await t.call('GET', `/audit?action=${action}`, undefined, { session: admin })
    ).json()) as {
      entries: { action: string; status: number; actorName: string; parameters?: unknown }[]
    }
  ).entries

describe('adding a passkey', () => {
  it('asks for a discoverable credential of this site, then stores it under the given name', async () => {
    const options = await ceremonies.registrationOptions(admin)
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Harbormaster' },
      user: { name: 'admin' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      excludeCredentials: [],
    })
    const authenticator = new SoftwareAuthenticator()
    const credential = authenticator.register(options)

    const res = await t.call(
      'POST',
      '/auth/passkeys/registration',
      { name: 'Work laptop', credential },
      { session: admin },
    )

    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      passkey: { id: credential.id, name: 'Work laptop', lastUsedAt: null, backedUp: false },
    })
    expect((await statusOf(admin)).passkeys.map((p) => p.name)).toEqual(['Work laptop'])
    // The next registration tells the browser which authenticators already hold one.
    const next = await ceremonies.registrationOptions(admin)
    expect(next.excludeCredentials).toEqual([
      { id: credential.id, type: 'public-key', transports: ['internal'] },
    ])
    expect(await auditOf('passkey.add')).toMatchObject([
      { status: 201, actorName: 'admin', parameters: { name: 'Work laptop' } },
    ])
  })

  it('names an unnamed passkey after its provider, else "Passkey N"', async () => {
    const icloud = new SoftwareAuthenticator({ aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' })
    await ceremonies.add(admin, icloud)
    await ceremonies.add(admin, new SoftwareAuthenticator())
    await ceremonies.add(admin, new SoftwareAuthenticator())
    expect((await statusOf(admin)).passkeys.map((p) => p.name)).toEqual([
      'iCloud Keychain',
      'Passkey 2',
      'Passkey 3',
    ])
  })

  it('accepts each registration challenge once, and only from this session', async () => {
    const other = await t.signIn('admin', 'admin-password-1')
    const authenticator = new SoftwareAuthenticator()
    const options = await ceremonies.registrationOptions(admin)
    const credential = authenticator.register(options)
    const body = { credential }
    expect(
      (await t.call('POST', '/auth/passkeys/registration', body, { session: admin })).status,
    ).toBe(201)

    const again = await t.call('POST', '/auth/passkeys/registration', body, { session: admin })
    expect(await readApiError(again)).toMatchObject({ status: 409, message: /expired/ })

    // Another session of the same user has no pending registration of its own.
    const stolen = authenticator.register(await ceremonies.registrationOptions(admin))
    const res = await t.call(
      'POST',
      '/auth/passkeys/registration',
      { credential: stolen },
      { session: other },
    )
    expect(await readApiError(res)).toMatchObject({ status: 409 })
    expect((await statusOf(admin)).passkeys).toHaveLength(1)
  })

  it('refuses a credential made for another origin, and records the refusal', async () => {
    const options = await ceremonies.registrationOptions(admin)
    const credential = new SoftwareAuthenticator().register(options, {
      origin: 'https://evil.example',
    })
    const res = await t.call(
      'POST',
      '/auth/passkeys/registration',
      { credential },
      { session: admin },
    )
    expect(await readApiError(res)).toMatchObject({ status: 400, message: /origin/i })
    expect((await statusOf(admin)).passkeys).toEqual([])
    expect(await auditOf('passkey.add')).toMatchObject([{ status: 400 }])
  })

  it('is for browser sessions: an API token can neither add nor remove passkeys', async () => {
    const created = await t.call('POST', '/tokens', { name: 'ci' }, { session: admin })
    const { token } = (await created.json()) as { token: string }
    const options = await t.call('POST', '/auth/passkeys/registration/options', undefined, {
      token,
    })
    expect(await readApiError(options)).toMatchObject({ status: 403 })
    const remove = await t.call('DELETE', '/auth/passkeys/abc', undefined, { token })
    expect(remove.status).toBe(403)
  })

  it('lets a user who must enrol add one, after which they may do the rest', async () => {
    await t.createUser(admin, OPERATOR)
    await t.call(
      'PUT',
      '/auth/settings',
      { passwordSignIn: 'everyone', secondFactorRoles: ['operator'] },
      { session: admin },
    )
    const session = await t.signIn(OPERATOR.username, OPERATOR.password)
    expect((await t.call('GET', '/tokens', undefined, { session })).status).toBe(403)

    const { res } = await ceremonies.add(session, new SoftwareAuthenticator(), 'Phone')

    expect(res.status).toBe(201)
    expect((await t.call('GET', '/tokens', undefined, { session })).status).toBe(200)
  })
})

describe("a user's passkeys", () => {
  it('are renamed and removed by their owner only, each change audited', async () => {
    const olgaId = await t.createUser(admin, OPERATOR)
    const olga = await t.signIn(OPERATOR.username, OPERATOR.password)
    const { id } = await ceremonies.add(admin, new SoftwareAuthenticator(), 'Key')
    const path = `/auth/passkeys/${id}`

    const rename = await t.call('PATCH', path, { name: '  Blue key ' }, { session: admin })
    expect(await rename.json()).toMatchObject({ passkey: { id, name: 'Blue key' } })
    const blank = await t.call('PATCH', path, { name: ' ' }, { session: admin })
    expect(await readApiError(blank)).toMatchObject({ status: 400, message: /^json\.name/ })

    // Someone else's passkey is as unknown as a missing one.
    expect((await t.call('PATCH', path, { name: 'Mine' }, { session: olga })).status).toBe(404)
    expect((await t.call('DELETE', path, undefined, { session: olga })).status).toBe(404)
    expect(olgaId).not.toBe('')

    expect((await t.call('DELETE', path, undefined, { session: admin })).status).toBe(204)
    expect((await statusOf(admin)).passkeys).toEqual([])
    expect((await t.call('DELETE', path, undefined, { session: admin })).status).toBe(404)
    expect((await auditOf('passkey.rename')).map((e) => e.status).sort()).toEqual([200, 400, 404])
    expect((await auditOf('passkey.remove')).map((e) => e.status).sort()).toEqual([204, 404, 404])
  })
})
