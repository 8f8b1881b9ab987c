import { TEST_LABEL, docker, newRunId, removeLabelled, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('crash capsules in the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-capsules-${newRunId()}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  it('opens the capsule of an --rm container that crashed: exit code, image, its last lines', async () => {
    const name = uniqueName('e2e-crash')
    await docker(stack.dockerHost, [
      'run',
      '--rm',
      '--name',
      name,
      '--label',
      `${TEST_LABEL}=${runId}`,
      '-e',
      'DB_PASSWORD=not-for-your-eyes',
      stack.fixtureImage,
      'sh',
      '-c',
      'for i in $(seq 1 40); do echo "worker: processed job $i"; done; echo "panic: lost the database connection" >&2; exit 2',
    ]).catch(() => undefined)

    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Crashed' })
      .click()
    await page.getByRole('heading', { name: 'Recently crashed or removed' }).waitFor()
    const row = page.getByRole('row', { name: `${name}: exited with code 2` })
    await row.waitFor({ timeout: 15_000 })
    await row.getByRole('link', { name }).click()

    await page.getByRole('heading', { name }).waitFor()
    const log = page.getByRole('log', { name: 'Log lines' })
    await log.getByText('panic: lost the database connection').waitFor()
    expect(await page.getByText(stack.fixtureImage).first().isVisible()).toBe(true)
    const inspect = await page.locator('pre').last().textContent()
    expect(inspect).toContain('DB_PASSWORD=[masked]')
    expect(inspect).not.toContain('not-for-your-eyes')
    await screenshot(page, 'capsule')
  })
})
