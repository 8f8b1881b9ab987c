import { newRunId, removeLabelled, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { runLabelled } from '../support/labelled-container.ts'

describe('alerts in the browser: the bell, the list and the rules (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-alerts-${newRunId()}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  it('counts a container that exits 3 on the bell, live, and lists it with links to it', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await dashboard.openContainers()
    const bell = page.getByRole('link', { name: /^Alerts: / })
    await bell.waitFor()
    const before = await bell.getAttribute('aria-label')
    const name = uniqueName('e2e-exit3')

    await runLabelled(stack, runId, name, ['sh', '-c', 'exit 3'])

    // Counted without a reload: the host's events socket carries the alert.
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).not.toBe(before)
    await bell.click()
    const row = page.getByRole('row', { name: `${name} exited with code 3 on local` })
    await row.waitFor()
    expect(await row.getByRole('link', { name: 'logs' }).getAttribute('href')).toMatch(
      /^\/hosts\/local\/containers\/[0-9a-f]{64}\/logs\?since=/,
    )
    await screenshot(page, 'alerts')
    await row.getByRole('button', { name: 'Mark read' }).click()
    await row.getByRole('button', { name: 'Mark read' }).waitFor({ state: 'detached' })
  })

  it('lets an admin see the default rules and add one', async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    await page.goto('/admin/alert-rules')
    await page.getByRole('row', { name: 'Host unreachable' }).waitFor()

    await page.getByRole('button', { name: 'New rule' }).click()
    const dialog = page.getByRole('dialog', { name: 'New alert rule' })
    await dialog.getByLabel('Name').fill('Shop restarting')
    await dialog.getByLabel('Kind').selectOption('container.restart-loop')
    await dialog.getByLabel('Scope').selectOption('stack')
    await dialog.getByLabel('Stack name').fill('shop')
    await dialog.getByRole('button', { name: 'Save' }).click()

    const row = page.getByRole('row', { name: 'Shop restarting' })
    await row.waitFor()
    expect(await row.textContent()).toMatch(/stack shop/)
    await screenshot(page, 'alert-rules')
  })
})
