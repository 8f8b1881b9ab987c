import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  ProviderBrowser,
  TEST_APP_ORIGIN,
  TEST_REDIRECT_URI,
  oidcConfigFor,
  signInWithProvider,
} from '../../../test/oidc-flow.ts'
import { startOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.ts'
import type { AuthOptions } from '../auth-services.ts'
import { createTestApp, type TestApp } from '../test-app.ts'

let provider: TestOidcProvider
const apps: TestApp[] = []
beforeAll(async () => {
  provider = await startOidcProvider({
    redirectUris: [TEST_REDIRECT_URI],
    postLogoutRedirectUris: [`${TEST_APP_ORIGIN}/`],
  })
})
afterAll(async () => {
  await provider.close()
})
afterEach(() => {
  for (const app of apps.splice(0)) app.close()
  provider.accounts.get('alice')?.groups.splice(0, Infinity, 'hm-admins')
})

/**
 * A test app with single sign-on against the test provider (variables as in production), past
 * first-run setup (single sign-on waits for it); `admin` is the local admin's session.
 */
async function appWith(env: Record<string, string> = {}, options: AuthOptions = {}) {
  const app = createTestApp({ ...options, oidc: oidcConfigFor(provider, env) })
  apps.push(app)
  const admin = await app.setUpAdmin()
  return Object.assign(app, { admin })
}

const userNamed = (t: TestApp, username: string) =>
  t.db
    .prepare<[string], { id: string; role: string; disabled: number; oidc_subject: string | null }>(
      `SELECT id, role, disabled, oidc_subject FROM users WHERE username = ?`,
    )
    .get(username)

const lastAudit = (t: TestApp) =>
  t.db
    .prepare<[], { status: number; target: string | null; error: string | null }>(
      `SELECT status, target, error FROM audit_log WHERE action = 'auth.oidc' ORDER BY id DESC`,
    )
    .get()

async function me(t: TestApp, session: string | undefined) {
  const res = await t.call('GET', '/auth/me', undefined, { session })
  return { status: res.status, body: (await res.json()) as { user?: { role?: string } } }
}

describe('single sign-on through a real OpenID provider', () => {
  it('creates the user at the first sign-in with the role their group maps to', async () => {
    const t = await appWith()
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'alice')

    expect(flow.callback.status).toBe(302)
    expect(flow.redirectedTo).toBe('/')
    const user = userNamed(t, 'alice')
    expect(user).toMatchObject({ role: 'admin', oidc_subject: `${provider.issuer} alice` })
    expect((await me(t, flow.session)).body.user).toMatchObject({
      username: 'alice',
      role: 'admin',
    })
    // The provider's redirect back is cross-site: the pending cookie must be Lax to come along.
    expect(flow.start.headers.getSetCookie().join()).toMatch(/hm_oidc=[^;]+;.*SameSite=Lax/i)
    const session = flow.callback.headers.getSetCookie().find((c) => c.startsWith('hm_session='))
    expect(session).toMatch(/SameSite=Strict/i)
    expect(lastAudit(t)).toMatchObject({ status: 302, target: user?.id, error: null })
  })

  it('never merges into a local account of the same name', async () => {
    const t = await appWith()
    await t.createUser(t.admin, { username: 'bob', password: 'local-bob-pw-1', role: 'viewer' })

    const flow = await signInWithProvider(t, new ProviderBrowser(), 'bob')

    expect((await me(t, flow.session)).body.user).toMatchObject({
      username: 'bob-2',
      role: 'operator',
    })
    expect(userNamed(t, 'bob')).toMatchObject({ role: 'viewer', oidc_subject: null })
  })

  it('refuses an unknown user when unknown users are not created', async () => {
    const t = await appWith({ HARBORMASTER_OIDC_CREATE_USERS: 'false' })
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'bob')

    expect(flow.redirectedTo).toBe('/?signInError=unknown_user')
    expect(flow.session).toBeUndefined()
    expect(userNamed(t, 'bob')).toBeUndefined()
    expect(lastAudit(t)).toMatchObject({
      status: 403,
      error: expect.stringMatching(/unknown_user/),
    })
  })

  it('applies a group change at the next sign-in and ends the sessions of the old role', async () => {
    const t = await appWith()
    const browser = new ProviderBrowser()
    const first = await signInWithProvider(t, browser, 'alice')
    expect((await me(t, first.session)).body.user?.role).toBe('admin')

    provider.accounts.get('alice')?.groups.splice(0, Infinity, 'hm-ops')
    const second = await signInWithProvider(t, browser, 'alice')

    expect((await me(t, second.session)).body.user?.role).toBe('operator')
    expect((await me(t, first.session)).status).toBe(401)
  })

  it('without a role map, creates a first sign-in disabled until an admin enables it', async () => {
    const t = await appWith({ HARBORMASTER_OIDC_ROLE_MAP: '' })
    const waiting = await signInWithProvider(t, new ProviderBrowser(), 'alice')
    expect(waiting.redirectedTo).toBe('/?signInError=awaiting_approval')
    expect(waiting.session).toBeUndefined()
    expect(userNamed(t, 'alice')).toMatchObject({ role: 'viewer', disabled: 1 })
    const again = await signInWithProvider(t, new ProviderBrowser(), 'alice')
    expect(again.redirectedTo).toBe('/?signInError=awaiting_approval')

    const id = userNamed(t, 'alice')?.id
    const enable = await t.call('PATCH', `/users/${id}`, { disabled: false }, { session: t.admin })
    expect(enable.status).toBe(200)
    const admitted = await signInWithProvider(t, new ProviderBrowser(), 'alice')
    expect((await me(t, admitted.session)).body.user).toMatchObject({ role: 'viewer' })
  })

  it('refuses a user none of whose groups maps to a role', async () => {
    const t = await appWith()
    provider.accounts.get('alice')?.groups.splice(0, Infinity, 'marketing')
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'alice')
    expect(flow.redirectedTo).toBe('/?signInError=no_role')
    expect(userNamed(t, 'alice')).toBeUndefined()
  })
})

describe('single sign-on refuses', () => {
  it('an answer whose state was tampered with', async () => {
    const t = await appWith()
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'alice', {
      editCallback: (url) => {
        url.searchParams.set('state', 'forged-state')
      },
    })
    expect(flow.redirectedTo).toBe('/?signInError=state')
    expect(flow.session).toBeUndefined()
    expect(lastAudit(t)).toMatchObject({ status: 401, error: expect.stringMatching(/^state/) })
  })

  it('a replayed code, in the same browser and with a fresh sign-in', async () => {
    const t = await appWith()
    const browser = new ProviderBrowser()
    const flow = await signInWithProvider(t, browser, 'alice')
    expect(flow.session).toBeDefined()

    const replay = await t.call('GET', flow.callbackPath, undefined, {
      headers: { Cookie: `hm_oidc=${flow.pending}` },
    })
    expect(replay.headers.get('Location')).toBe('/?signInError=expired')

    // A new sign-in's state and cookie, the old code: the provider refuses the used code.
    const code = new URL(flow.callbackPath, TEST_APP_ORIGIN).searchParams.get('code') ?? ''
    const fresh = await signInWithProvider(t, browser, 'alice', {
      editCallback: (url) => {
        url.searchParams.set('code', code)
      },
    })
    expect(fresh.redirectedTo).toBe('/?signInError=token')
    expect(fresh.session).toBeUndefined()
  })

  it('an ID token with another nonce than the one this sign-in sent', async () => {
    const t = await appWith()
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'alice', {
      editAuthorization: (url) => {
        url.searchParams.set('nonce', 'nonce-of-another-sign-in')
      },
    })
    expect(flow.redirectedTo).toBe('/?signInError=token')
    expect(lastAudit(t)?.error).toMatch(/nonce/)
  })

  it('an expired ID token (our clock two hours past the provider’s)', async () => {
    const t = await appWith({}, { now: () => Date.now() + 2 * 3_600_000 })
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'alice')
    expect(flow.redirectedTo).toBe('/?signInError=token')
    expect(lastAudit(t)?.error).toMatch(/exp/)
  })

  it('a sign-in before first-run setup: the first account is a local admin', async () => {
    const t = createTestApp({ oidc: oidcConfigFor(provider) })
    apps.push(t)
    const res = await t.call('GET', '/auth/oidc/start')
    expect(res.headers.get('Location')).toBe('/?signInError=setup_needed')
    expect(await (await t.call('GET', '/auth/setup')).json()).toEqual({ needed: true })
  })

  it('a callback with no sign-in in progress in this browser', async () => {
    const t = await appWith()
    const res = await t.call('GET', '/auth/oidc/callback?code=abc&state=def')
    expect(res.headers.get('Location')).toBe('/?signInError=expired')
  })
})
