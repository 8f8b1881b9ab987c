import {
  docker,
  newRunId,
  removeLabelled,
  scaled,
  TEST_LABEL,
  uniqueName,
} from '@harbormaster/testkit'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

/** Far below the server's once-a-minute re-check: a close within it came from the revoke. */
const PROMPTLY_MS = 10_000

/**
 * Records the close code of every WebSocket the page opens, in `socketCloseCodes` (the app shows
 * that its stream ended, not the code). Plain script: it runs in the page before the app.
 */
const RECORD_SOCKET_CLOSES = `
  window.socketCloseCodes = []
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) {
      super(...args)
      this.addEventListener('close', (event) => window.socketCloseCodes.push(event.code))
    }
  }
`

const socketCloseCodes = (page: Page) =>
  page.evaluate(() => (globalThis as { socketCloseCodes?: number[] }).socketCloseCodes)

describe('sessions a user can see (real stack, two browsers)', () => {
  const { stack, newPage } = useBrowser()
  const runId = newRunId()
  const origin = { Origin: stack.url }

  afterAll(async () => {
    await removeLabelled(stack.dockerHost, runId)
  })

  it('lists both browsers; revoking the other signs it out and closes its live log', async () => {
    const name = uniqueName('e2e-sessions')
    await docker(stack.dockerHost, [
      ...['run', '-d', '--name', name, '--label', `${TEST_LABEL}=${runId}`],
      stack.fixtureImage,
      ...['sh', '-c', 'while true; do echo tick-$(date +%s); sleep 1; done'],
    ])
    const admin = await newPage()
    await new Dashboard(admin).signIn('admin', stack.adminPassword)
    const username = `e2e-sess-${runId.slice(-6)}`
    const password = 'sessions-password-1'
    const created = await admin.request.post('/api/users', {
      data: { username, password, role: 'operator' },
      headers: origin,
    })
    expect(created.status()).toBe(201)
    const { user } = (await created.json()) as { user: { id: string } }
    try {
      const here = await newPage()
      const there = await newPage()
      await there.addInitScript({ content: RECORD_SOCKET_CLOSES })
      await new Dashboard(here).signIn(username, password)
      const thereDashboard = new Dashboard(there)
      await thereDashboard.signIn(username, password)
      await thereDashboard.openContainer(name, 'logs')
      await there.getByRole('log').getByText('tick-').first().waitFor()

      await here.goto('/account')
      const panel = here.getByRole('region', { name: 'Where you are signed in' })
      const rows = panel.getByRole('table', { name: 'Sessions' }).getByRole('row')
      // A header row and one row per browser.
      await expect.poll(() => rows.count(), { timeout: scaled(10_000) }).toBe(3)
      const current = rows.filter({ hasText: 'this session' })
      expect(await current.textContent()).toMatch(/Chrome \d+ on Linux.*active now/)
      const other = rows.filter({ hasText: /Chrome \d+ on Linux/ }).filter({
        hasNotText: 'this session',
      })
      expect(await other.textContent()).toContain('Password')
      // The panel in the middle of the screenshot (a string: the e2e project has no DOM types).
      await here.evaluate(
        'document.getElementById("sign-in-sessions-title").scrollIntoView({ block: "center" })',
      )
      await screenshot(here, 'sessions')

      await other.getByRole('button', { name: /^Revoke the session on/ }).click()
      await here
        .getByRole('dialog', { name: /^End the session on/ })
        .getByRole('button', { name: 'End session' })
        .click()

      // The other browser's open log stream ends at once, with 1008, and says so.
      await there
        .getByText('disconnected', { exact: true })
        .waitFor({ timeout: scaled(PROMPTLY_MS) })
      expect(await socketCloseCodes(there)).toContain(1008)
      // Its next navigation finds no session: the sign-in page.
      await there.goto('/account')
      await there.getByLabel('Username').waitFor()
      // This browser goes on, with only its own session left.
      await expect.poll(() => rows.count(), { timeout: scaled(10_000) }).toBe(2)
      expect(await here.getByRole('heading', { name: 'Account' }).isVisible()).toBe(true)
    } finally {
      await admin.request.delete(`/api/users/${user.id}`, { headers: origin })
    }
  })
})
