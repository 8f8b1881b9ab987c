import { newRunId } from '@harbormaster/testkit'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { Admin } from '../pages/admin.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { totpCode } from '../support/totp.ts'

const PASSWORD = 'totp-user-password-1'

describe('two-step sign-in with an authenticator app (real server, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const origin = { Origin: stack.url }
  const username = `e2e-totp-${newRunId().slice(-6)}`

  /** The password step of the sign-in page; the second step's form is then on screen. */
  const passwordStep = async (page: Page) => {
    await page.goto('/')
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByText('Your account has two-step sign-in.').waitFor()
  }

  it('enrols from the account page, then signs in with a code and with a recovery code', async () => {
    const admin = await newPage()
    await new Dashboard(admin).signIn('admin', stack.adminPassword)
    const created = await admin.request.post('/api/users', {
      data: { username, password: PASSWORD, role: 'operator' },
      headers: origin,
    })
    expect(created.status()).toBe(201)
    const { user } = (await created.json()) as { user: { id: string } }
    try {
      const page = await newPage()
      await new Dashboard(page).signIn(username, PASSWORD)
      await page.goto('/account')
      await page.getByRole('button', { name: 'Set up authenticator app' }).click()
      const key = (
        (await page.getByLabel('Setup key', { exact: true }).textContent()) ?? ''
      ).replace(/\s/g, '')
      expect(key).toMatch(/^[A-Z2-7]{32}$/)
      const qrCode = page.getByRole('img', { name: 'QR code for your authenticator app' })
      await qrCode.waitFor()
      // The code input took the focus and scrolled the page: the QR code in the middle instead.
      await qrCode.evaluate((img: { scrollIntoView(options: object): void }) => {
        img.scrollIntoView({ block: 'center' })
      })
      await screenshot(page, 'totp-enrolment')
      await page.getByLabel('Enter the six-digit code the app shows').fill(totpCode(key))
      await page.getByRole('button', { name: 'Confirm' }).click()
      const shown = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')
      await expect.poll(() => shown.count()).toBe(10)
      const recoveryCodes = await shown.allTextContents()
      await page.getByRole('button', { name: 'I have saved them' }).click()
      await page.getByText('10 recovery codes left').waitFor()

      // The code that confirmed is used up: the next step's code, within the ±1 step window.
      const withCode = await newPage()
      await passwordStep(withCode)
      await withCode
        .getByLabel('Code from your authenticator app')
        .fill(totpCode(key, Date.now() + 30_000))
      await withCode.getByRole('button', { name: 'Verify' }).click()
      await withCode.getByLabel('Search containers').waitFor()

      const withRecovery = await newPage()
      await passwordStep(withRecovery)
      await withRecovery.getByRole('button', { name: 'Use a recovery code' }).click()
      await withRecovery.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '')
      await withRecovery.getByRole('button', { name: 'Sign in with recovery code' }).click()
      await withRecovery.getByLabel('Search containers').waitFor()
      await withRecovery.goto('/account')
      await withRecovery.getByText('9 recovery codes left').waitFor()

      // The same recovery code a second time is refused, on the page.
      const again = await newPage()
      await passwordStep(again)
      await again.getByRole('button', { name: 'Use a recovery code' }).click()
      await again.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '')
      await again.getByRole('button', { name: 'Sign in with recovery code' }).click()
      await again.getByRole('alert').filter({ hasText: 'Wrong or already used code' }).waitFor()

      // An admin resets them from the users list: the password alone signs in again.
      const users = new Admin(admin)
      await users.openUsers()
      const row = admin.getByRole('row').filter({ hasText: username })
      await row.getByText('authenticator').waitFor()
      await row.getByRole('button', { name: 'Reset second factors' }).click()
      await admin.getByRole('dialog').getByRole('button', { name: 'Reset second factors' }).click()
      await row.getByText('password only').waitFor()
      await new Dashboard(await newPage()).signIn(username, PASSWORD)
    } finally {
      await admin.request.delete(`/api/users/${user.id}`, { headers: origin })
    }
  })

  it('sends a user whose role requires a second factor to enrolment, then into the app', async () => {
    const admin = await newPage()
    await new Dashboard(admin).signIn('admin', stack.adminPassword)
    const viewer = `${username}-v`
    const created = await admin.request.post('/api/users', {
      data: { username: viewer, password: PASSWORD, role: 'viewer' },
      headers: origin,
    })
    const { user } = (await created.json()) as { user: { id: string } }
    const rules = (roles: string[]) =>
      admin.request.put('/api/auth/settings', {
        data: { passwordSignIn: 'everyone', secondFactorRoles: roles },
        headers: origin,
      })
    expect((await rules(['viewer'])).status()).toBe(200)
    try {
      const page = await newPage()
      await page.goto('/')
      await page.getByLabel('Username').fill(viewer)
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor()
      await page.getByRole('button', { name: 'Set up authenticator app' }).click()
      const key = await page.getByLabel('Setup key', { exact: true }).textContent()
      const code = totpCode((key ?? '').replace(/\s/g, ''))
      await page.getByLabel('Enter the six-digit code the app shows').fill(code)
      await page.getByRole('button', { name: 'Confirm' }).click()
      // The codes stay on screen until the user says they saved them; then the app opens.
      await page.getByRole('list', { name: 'Recovery codes' }).waitFor()
      await page.getByRole('button', { name: 'I have saved them' }).click()
      await page.getByLabel('Search containers').waitFor()
    } finally {
      await rules([])
      await admin.request.delete(`/api/users/${user.id}`, { headers: origin })
    }
  })
})
