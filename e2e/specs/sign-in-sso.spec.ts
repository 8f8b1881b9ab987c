import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOidcProvider, type TestOidcProvider } from '../../apps/server/test/oidc-provider.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'

/** The provider's development login and consent pages, as a person fills them. */
async function signInAtProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
}

/** Who the app's own requests are signed in as (the session cookie is SameSite=Strict). */
const sessionUser = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/api/auth/session')
    return ((await res.json()) as { user: { username: string; role: string } | null }).user
  })

describe('single sign-on in Chromium against a real OpenID provider', () => {
  const { stack, newPage } = useBrowser()
  let provider: TestOidcProvider
  let server: ServerProcess
  beforeAll(async () => {
    provider = await startOidcProvider()
    // A server of its own: single sign-on is configured by variables at start.
    server = await startServerProcess(stack.dockerHost, {
      HARBORMASTER_ADMIN_PASSWORD: stack.adminPassword,
      HARBORMASTER_OIDC_ISSUER: provider.issuer,
      HARBORMASTER_OIDC_CLIENT_ID: provider.clientId,
      HARBORMASTER_OIDC_CLIENT_SECRET: provider.clientSecret,
      HARBORMASTER_OIDC_SCOPES: 'openid profile email groups',
      HARBORMASTER_OIDC_NAME: 'Example ID',
      // bob's group (hm-ops) maps to nothing: he is refused.
      HARBORMASTER_OIDC_ROLE_MAP: 'hm-admins=admin',
    })
    provider.registerClient({
      redirectUris: [`${server.url}/api/auth/oidc/callback`],
      postLogoutRedirectUris: [`${server.url}/`],
    })
  })
  afterAll(async () => {
    await server.stop()
    await provider.close()
  })

  it('signs in through the provider’s pages and lands in the app with the mapped role', async () => {
    const page = await newPage(undefined, server.url)
    await page.goto('/')
    const button = page.getByRole('link', { name: 'Sign in with Example ID' })
    await button.waitFor()
    await screenshot(page, 'sign-in-sso')

    await button.click()
    await page.waitForURL((url) => url.origin === provider.issuer)
    await signInAtProvider(page, 'alice')

    await page.waitForURL(
      (url) => url.origin === server.url && url.pathname !== '/api/auth/oidc/callback',
    )
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor()
    expect(await sessionUser(page)).toMatchObject({ username: 'alice', role: 'admin' })

    // RP-initiated logout: the provider's session ends too, and it sends the browser back.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.waitForURL((url) => url.origin === provider.issuer)
    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await page.waitForURL((url) => url.origin === server.url)
    await button.waitFor()
    expect(await sessionUser(page)).toBeNull()
  })

  it('explains on the sign-in page why a user whose groups map to no role was refused', async () => {
    const page = await newPage(undefined, server.url)
    await page.goto('/')
    await page.getByRole('link', { name: 'Sign in with Example ID' }).click()
    await signInAtProvider(page, 'bob')

    await page
      .getByRole('alert')
      .filter({ hasText: 'None of your groups gives access to Harbormaster' })
      .waitFor()
    expect(new URL(page.url()).search).toBe('')
    expect(await sessionUser(page)).toBeNull()
  })
})
