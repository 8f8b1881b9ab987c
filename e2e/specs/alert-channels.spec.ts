import { TEST_LABEL, newRunId, removeLabelled, scaled, uniqueName } from '@harbormaster/testkit'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { type WebhookReceiver, startWebhookReceiver } from '../support/alert-receiver.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { runLabelled } from '../support/labelled-container.ts'

const SECRET = 'e2e-webhook-signing-secret'

describe('alert channels in the browser: a webhook, its test, a rule that sends to it (real server, engine, receiver, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-channels-${newRunId()}`
  const origin = { Origin: stack.url }
  const channelName = `e2e hook ${runId.slice(-6)}`
  const ruleName = `e2e exits ${runId.slice(-6)}`
  let receiver: WebhookReceiver | undefined
  beforeAll(async () => {
    receiver = await startWebhookReceiver(SECRET)
  })
  afterAll(async () => {
    await removeLabelled(stack.dockerHost, runId)
    await receiver?.stop()
  })
  const received = () => receiver?.received ?? []

  it(
    'tests a webhook channel, then a labelled container that exits 3 reaches it once and rings the bell',
    async () => {
      if (receiver === undefined) throw new Error('the receiver did not start')
      const page = await newPage()
      const dashboard = new Dashboard(page)
      await dashboard.signIn('admin', stack.adminPassword)
      try {
        await page.goto('/admin/channels')
        await addWebhookChannel(page, receiver.url)
        const channel = channelRow(page)
        await channel.getByRole('button', { name: 'Send a test' }).click()
        await channel.getByRole('status').getByText('delivered').waitFor()
        expect(received().map((r) => r.body.event)).toEqual(['test'])
        await channel.getByRole('button', { name: 'Delivery log' }).click()
        const log = page.getByRole('table', { name: 'Delivery log' })
        await log
          .getByRole('row')
          .filter({ hasText: `Test from Harbormaster: channel ${channelName} works` })
          .filter({ hasText: 'sent' })
          .waitFor()

        await addExitRule(page)

        await dashboard.openContainers()
        const bell = page.getByRole('link', { name: /^Alerts: / })
        await bell.waitFor()
        const before = await bell.getAttribute('aria-label')
        const name = uniqueName('e2e-hooked')
        await runLabelled(stack, runId, name, ['sh', '-c', 'exit 3'])

        // Counted without a reload: the host's events socket carries the alert.
        await expect
          .poll(() => bell.getAttribute('aria-label'), { timeout: scaled(15_000) })
          .not.toBe(before)
        await bell.click()
        // The default rule for non-zero exits lists it too: this rule's row is the one wanted.
        const alert = page
          .getByRole('row', { name: `${name} exited with code 3 on local` })
          .filter({ hasText: ruleName })
        await alert.getByRole('link', { name: 'open' }).click()
        await page.getByRole('heading', { level: 1, name }).waitFor()
        expect(page.url()).toMatch(/\/hosts\/local\/containers\/[0-9a-f]{64}$/)

        await expect
          .poll(() => received().filter((r) => r.body.event === 'alert').length, {
            timeout: scaled(20_000),
          })
          .toBeGreaterThan(0)
        await page.goto('/admin/channels')
        await channelRow(page).getByRole('button', { name: 'Delivery log' }).click()
        await log
          .getByRole('row')
          .filter({ hasText: `${name} exited with code 3 on local` })
          .filter({ hasText: 'sent' })
          .waitFor()
        await screenshot(page, 'alert-channels')
        // One notice for one exit: the default rule sends nowhere, this rule sent once.
        const notices = received().filter((r) => r.body.event === 'alert')
        expect(notices.map((r) => r.body.notice)).toMatchObject([
          { kind: 'container.exit', state: 'firing', ruleName, subject: { name } },
        ])
      } finally {
        await removeRuleAndChannel(page)
      }
    },
    scaled(150_000),
  )

  function channelRow(page: Page) {
    return page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: channelName, exact: true }) })
  }

  async function addWebhookChannel(page: Page, url: string): Promise<void> {
    await page.getByRole('button', { name: 'Add channel' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add an alert channel' })
    await dialog.getByLabel('Name').fill(channelName)
    await dialog.getByLabel('Type').selectOption({ label: 'Webhook (signed JSON)' })
    await dialog.getByLabel(/^URL/).fill(url)
    await dialog.getByLabel(/^Signing secret \(HMAC-SHA256\)/).fill(SECRET)
    await dialog.getByRole('button', { name: 'Add channel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await channelRow(page).waitFor()
  }

  async function addExitRule(page: Page): Promise<void> {
    await page.goto('/admin/alert-rules')
    await page.getByRole('button', { name: 'New rule' }).click()
    const dialog = page.getByRole('dialog', { name: 'New alert rule' })
    await dialog.getByLabel('Name').fill(ruleName)
    await dialog.getByLabel('Kind').selectOption({ label: 'Container exited with an error' })
    await dialog.getByLabel('Scope').selectOption('labels')
    await dialog.getByLabel('Label (key=value)').fill(`${TEST_LABEL}=${runId}`)
    await dialog.getByRole('checkbox', { name: channelName }).check()
    await dialog.getByRole('button', { name: 'Save' }).click()
    const row = page.getByRole('row', { name: ruleName })
    await row.waitFor()
    expect(await row.textContent()).toContain(channelName)
  }

  /** What the test made on the server, found by name: whatever got made before a failure. */
  async function removeRuleAndChannel(page: Page): Promise<void> {
    const rules = (await (await page.request.get('/api/alert-rules')).json()) as {
      rules: { id: string; name: string }[]
    }
    for (const rule of rules.rules.filter((r) => r.name === ruleName)) {
      await page.request.delete(`/api/alert-rules/${rule.id}`, { headers: origin })
    }
    const channels = (await (await page.request.get('/api/alerts/channels')).json()) as {
      channels: { id: string; name: string }[]
    }
    for (const channel of channels.channels.filter((c) => c.name === channelName)) {
      await page.request.delete(`/api/alerts/channels/${channel.id}`, { headers: origin })
    }
  }
})
