import type { CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, useBrowser } from '../support/browser.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'

const PASSWORD = 'e2e-passkey-admin-password'

/**
 * Chromium's virtual authenticator (DevTools protocol): a platform authenticator that holds
 * discoverable credentials and verifies its user, answering every ceremony without a prompt.
 */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable', { enableUI: false })
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return { cdp, id: authenticatorId }
}

/** An element in the page, as far as the spec touches it (the specs are typed without the DOM). */
interface Scrollable {
  scrollIntoView(options: { block: 'start' }): void
}

const signedIn = (page: Page) =>
  page.getByRole('button', { name: 'Sign out', exact: true }).waitFor()

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor()
}

async function signInWithPassword(page: Page): Promise<void> {
  await page.getByLabel('Username').fill('admin')
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

describe('passkeys in Chromium (virtual authenticator, real server)', () => {
  const { stack, newPage } = useBrowser()
  let server: ServerProcess | undefined

  beforeAll(async () => {
    // A server of its own at http://localhost: the shared one's public URL is an IP address,
    // which browsers take for no RP ID. localhost is a secure context, as WebAuthn requires.
    server = await startServerProcess(
      stack.dockerHost,
      { HARBORMASTER_ADMIN_PASSWORD: PASSWORD },
      { host: 'localhost' },
    )
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('registers a passkey, signs in with it alone and after a password, then removes it', async () => {
    if (!server) throw new Error('no server')
    const page = await newPage(undefined, server.url)
    const authenticator = await addVirtualAuthenticator(page)
    await page.goto('/')
    await signInWithPassword(page)
    await signedIn(page)

    await page.goto('/account')
    await page.getByLabel('Passkey name').fill('Virtual key')
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    const passkeys = page.getByRole('table', { name: 'Your passkeys' })
    await passkeys.getByRole('row').filter({ hasText: 'Virtual key' }).waitFor()
    const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: authenticator.id,
    })
    expect(credentials.map((c) => c.isResidentCredential)).toEqual([true])
    // The panel at the top of the view, its table in full.
    await page
      .getByRole('heading', { name: 'Two-step sign-in' })
      .evaluate((heading: Scrollable) => {
        heading.scrollIntoView({ block: 'start' })
      })
    await screenshot(page, 'passkeys')

    // Password-less: no username typed, the authenticator offers its passkey for this site.
    await signOut(page)
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
    await signedIn(page)

    // As the second step of a password sign-in.
    await signOut(page)
    await signInWithPassword(page)
    await page.getByText('Your account has two-step sign-in.').waitFor()
    await page.getByRole('button', { name: 'Use my passkey' }).click()
    await signedIn(page)

    await page.goto('/account')
    await passkeys.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await page.getByText('No passkeys yet.').waitFor()

    // The authenticator still holds it, but the dashboard no longer knows it.
    await signOut(page)
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not registered here/)
    // The password alone signs in again: the passkey was the only second factor.
    await signInWithPassword(page)
    await signedIn(page)
  })
})
