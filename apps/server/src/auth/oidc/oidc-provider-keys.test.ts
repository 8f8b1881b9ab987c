import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  ProviderBrowser,
  TEST_APP_ORIGIN,
  TEST_REDIRECT_URI,
  oidcConfigFor,
  signInWithProvider,
} from '../../../test/oidc-flow.ts'
import { startOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.ts'
import { createTestApp, type TestApp } from '../test-app.ts'

let provider: TestOidcProvider
let t: TestApp
let admin: string
beforeAll(async () => {
  provider = await startOidcProvider({
    redirectUris: [TEST_REDIRECT_URI],
    postLogoutRedirectUris: [`${TEST_APP_ORIGIN}/`],
  })
  t = createTestApp({ oidc: oidcConfigFor(provider) })
  admin = await t.setUpAdmin()
})
afterAll(async () => {
  t.close()
  await provider.close()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the provider’s signing keys', () => {
  it('are fetched again when an ID token names a key we have not seen (a rotation)', async () => {
    const browser = new ProviderBrowser()
    const before = await signInWithProvider(t, browser, 'alice')
    expect(before.session).toBeDefined()
    expect(provider.jwksRequests).toBe(1)

    provider.rotateKeys()
    // The relying party refetches a JWKS at most once a minute (a flood of unknown key ids must
    // not become a flood of requests to the provider): the next sign-in a minute later.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
    vi.setSystemTime(Date.now() + 61_000)
    const after = await signInWithProvider(t, browser, 'alice')

    expect(after.redirectedTo).toBe('/')
    expect(after.session).toBeDefined()
    expect(provider.jwksRequests).toBe(2)
  })
})

describe('signing out after single sign-on', () => {
  it('answers with the provider’s end-session URL, for the browser to go there', async () => {
    const flow = await signInWithProvider(t, new ProviderBrowser(), 'bob')

    const res = await t.call('POST', '/auth/logout', undefined, { session: flow.session })

    expect(res.status).toBe(200)
    const { endSessionUrl } = (await res.json()) as { endSessionUrl: string }
    const url = new URL(endSessionUrl)
    expect(url.origin).toBe(provider.issuer)
    expect(url.searchParams.get('client_id')).toBe(provider.clientId)
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${TEST_APP_ORIGIN}/`)
    expect((await t.call('GET', '/auth/me', undefined, { session: flow.session })).status).toBe(401)
    // The provider knows the client and the redirect: its logout page answers, not an error.
    expect((await fetch(url)).status).toBe(200)
  })

  it('answers 204 after a password sign-in, as without single sign-on', async () => {
    const res = await t.call('POST', '/auth/logout', undefined, { session: admin })
    expect(res.status).toBe(204)
  })
})
