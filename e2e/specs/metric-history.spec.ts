import { newRunId, removeLabelled, scaled, uniqueName } from '@harbormaster/testkit'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { runLabelled } from '../support/labelled-container.ts'

/** Points of the container's kept history, asked by the page's own session. */
const pointsOf = (page: Page, name: string) =>
  page.evaluate(async (container) => {
    const res = await fetch(`/api/hosts/local/containers/${container}/history?range=24h`)
    return ((await res.json()) as { times: number[] }).times.length
  }, name)

describe('metric history in the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-history-${newRunId()}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  it('is turned on by an admin, seeing its cost first, and read back over 24 h on a stats chart', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    const name = uniqueName('e2e-history')
    await runLabelled(stack, runId, name, ['sh', '-c', 'while :; do :; done'])

    // The admin's history dialog of the host: the estimate is there before the switch is on.
    await page.goto('/admin/hosts')
    await page.getByRole('button', { name: 'History of host local' }).click()
    const dialog = page.getByRole('dialog')
    await dialog
      .getByRole('note')
      .getByText(/of a core of the engine/)
      .waitFor()
    await dialog.getByRole('checkbox').check()
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'detached' })

    try {
      // The first read of the container is a baseline; points come every 10 s after it.
      await expect
        .poll(() => pointsOf(page, name), { timeout: scaled(60_000), interval: 1000 })
        .toBeGreaterThanOrEqual(3)

      await dashboard.openContainer(name, 'stats')
      await page.getByRole('button', { name: '24 h' }).click()
      expect(await page.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe(
        'true',
      )
      const cpu = page.locator('figure').filter({ hasText: 'CPU %' }).first()
      await cpu.locator('.uplot canvas').waitFor()
      // The crosshair over the chart: the legend reads the value under it.
      const box = await cpu.locator('.u-over').boundingBox()
      expect(box).not.toBeNull()
      if (box) await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2)
      await cpu
        .locator('.u-legend .u-value')
        .filter({ hasText: /\d\s*%/ })
        .first()
        .waitFor()
      await screenshot(page, 'metric-history')
    } finally {
      await page.evaluate(() =>
        fetch('/api/hosts/local/history/settings', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ metrics: false, recording: 'off' }),
        }),
      )
    }
  }, 150_000)
})
