import { newRunId, removeLabelled, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { ContainerDetail } from '../pages/container-detail.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { runLabelled } from '../support/labelled-container.ts'

describe('the events timeline (real stack)', () => {
  const { stack, newPage } = useBrowser()
  const runId = newRunId()

  afterAll(async () => {
    await removeLabelled(stack.dockerHost, runId)
  })

  it("shows the user's stop beside the engine's die on the container's timeline", async () => {
    const name = uniqueName('e2e-timeline')
    // Ends at SIGTERM, so the stop is prompt: the die follows the stop's kill at once.
    await runLabelled(stack, runId, name, [
      'sh',
      '-c',
      'trap "exit 0" TERM; while true; do sleep 1; done',
    ])
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    const detail = new ContainerDetail(page)
    await detail.open(name)

    await page.getByRole('button', { name: 'Stop', exact: true }).click()
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor()
    await page
      .getByRole('navigation', { name: 'Container views' })
      .getByRole('link', { name: 'Timeline', exact: true })
      .click()

    const table = page.getByRole('table', { name: 'Timeline' })
    const stopped = table.getByRole('row').filter({ hasText: 'container.stop' })
    const died = table.getByRole('row').filter({ hasText: /container\s*die/ })
    await stopped.waitFor()
    await died.waitFor()
    expect(await stopped.textContent()).toMatch(/user.*204.*admin/)
    expect(await died.textContent()).toMatch(/engine.*exit 0/)
    // Newest first: the user's stop (recorded when the engine had stopped it) above the die.
    const rows = await table.getByRole('row').allTextContents()
    const at = (pattern: RegExp) => rows.findIndex((row) => pattern.test(row))
    expect(at(/container\.stop/)).toBeLessThan(at(/container\s*die/))
    await screenshot(page, 'timeline')
  })
})
