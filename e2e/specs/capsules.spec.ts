import { TEST_LABEL, docker, newRunId, removeLabelled, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('crash capsules in the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-capsules-${newRunId()}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  it('keeps the last lines of an --rm container that crashed, with log retention on for its label', async () => {
    const name = uniqueName('e2e-crash')
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Crashed' })
      .click()
    await page.getByRole('heading', { name: 'Recently crashed or removed' }).waitFor()
    // Without a rule the log of an --rm container is read at its exit, a race the engine may win
    // on a busy host (the capsule then says so); with one it is followed from the start.
    const label = `${TEST_LABEL}=${runId}`
    await page.getByPlaceholder('key or key=value').fill(label)
    await page.getByRole('button', { name: 'Keep logs' }).click()
    const rules = page.getByRole('list', { name: 'Log retention rules' })
    await rules.getByText(label).waitFor()

    // It waits for a file before its work, so the test can wait until the server follows it.
    const run = docker(stack.dockerHost, [
      'run',
      '--rm',
      '--name',
      name,
      '--label',
      label,
      '-e',
      'DB_PASSWORD=not-for-your-eyes',
      stack.fixtureImage,
      'sh',
      '-c',
      'while [ ! -f /tmp/go ]; do sleep 0.05; done; for i in $(seq 1 40); do echo "worker: processed job $i"; done; echo "panic: lost the database connection" >&2; exit 2',
    ]).catch(() => undefined)
    await page.getByText(`Following now: ${name}`).waitFor({ timeout: 30_000 })
    await docker(stack.dockerHost, ['exec', name, 'touch', '/tmp/go'])
    await run

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

    await page.goBack()
    await rules.getByRole('button', { name: 'Remove' }).click()
    await rules.waitFor({ state: 'detached' })
  })
})
