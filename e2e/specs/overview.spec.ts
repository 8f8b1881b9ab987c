import { TEST_LABEL, docker, newRunId, removeLabelled, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { runLabelled } from '../support/labelled-container.ts'

describe('the host overview and the audit log in the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-overview-${newRunId()}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  const signedIn = async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    return page
  }

  it('shows the engine, counts, disk usage, live figures and events, kept current by events', async () => {
    const page = await signedIn()
    const name = uniqueName('e2e-overview')
    await runLabelled(stack, runId, name, ['sleep', '300'])
    await page.goto('/hosts/local/overview')

    // A card of the overview: the innermost section holding its heading (the page is one too).
    const card = (title: string) =>
      page
        .locator('section')
        .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
        .last()
    const engine = card('Engine')
    await engine.getByText('Version').waitFor()
    expect(await engine.textContent()).toMatch(/Version\s*\d+\.\d+/)
    const counts = card('Containers and images')
    expect(await counts.textContent()).toMatch(/Running\s*[1-9]/)
    const disk = card('Disk usage')
    await disk.getByText(/Measured/).waitFor()
    expect(await disk.textContent()).toMatch(/Build cache/)

    // Live figures: the container's row with a CPU figure, from the host's stats socket.
    const running = card('Running containers')
    const row = running.getByRole('row').filter({ hasText: name })
    await row.waitFor()
    expect(await row.textContent()).toMatch(/\d+\.\d+\s*%/)

    const events = card('Recent events')
    await events.getByRole('row').filter({ hasText: name }).filter({ hasText: 'start' }).waitFor()
    await screenshot(page, 'overview')

    // Stopped from the CLI: the overview learns it from the events, without a reload.
    await docker(stack.dockerHost, ['stop', '-t', '0', name])
    await events.getByRole('row').filter({ hasText: name }).filter({ hasText: 'die' }).waitFor()
    await row.waitFor({ state: 'detached', timeout: 15_000 })
  })

  it('lets an admin find an action in the audit log by its filters', async () => {
    const page = await signedIn()
    const name = uniqueName('e2e-audited')
    // A mutation through the API, made by the admin's own session in this page.
    const created = await page.evaluate(
      async ({ name: volume, label }) => {
        const res = await fetch('/api/hosts/local/volumes', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: volume, labels: { [label.key]: label.value } }),
        })
        return res.status
      },
      { name, label: { key: TEST_LABEL, value: runId } },
    )
    expect(created).toBe(201)

    await page.goto('/admin/audit')
    await page.getByLabel('Action').fill('volume.create')
    const entry = page.getByRole('row').filter({ hasText: name })
    await entry.waitFor()
    expect(await entry.textContent()).toContain('volume.create')
    await page.getByLabel('Status').fill('403')
    await entry.waitFor({ state: 'detached' })
    await page.getByLabel('Status').fill('201')
    await entry.waitFor()
    await screenshot(page, 'admin-audit')
  })
})
