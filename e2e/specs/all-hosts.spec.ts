import { TEST_LABEL, docker, newRunId, removeLabelled, uniqueName } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AllHostsPage } from '../pages/all-hosts.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'

const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the condition did not hold in time')
}

describe('containers across hosts and search in the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-all-hosts-${newRunId()}`
  const label = `${TEST_LABEL}=${runId}`
  let server: ServerProcess
  beforeAll(async () => {
    // A server of its own, with the run's engine declared a second time as host `second`: the
    // shared server's host list stays as the other specs expect it.
    server = await startServerProcess(stack.dockerHost, {
      HARBORMASTER_ADMIN_PASSWORD: stack.adminPassword,
      HARBORMASTER_HOSTS: `second=${stack.dockerHost}`,
    })
  })
  afterAll(async () => {
    await server.stop()
    await removeLabelled(stack.dockerHost, runId)
  })

  const inspectState = async (name: string) =>
    (await docker(stack.dockerHost, ['inspect', '-f', '{{.State.Status}}', name])).stdout.trim()

  it('lists both hosts’ containers, filters them, kills two at once, and opens a container on the second host from the search box', async () => {
    const [first, second] = [uniqueName('e2e-across'), uniqueName('e2e-across')]
    const names = [first, second]
    for (const name of names) {
      await docker(stack.dockerHost, [
        ...['run', '-d', '--name', name, '--label', label],
        ...[stack.fixtureImage, 'sleep', '300'],
      ])
    }
    const page = await newPage(undefined, server.url)
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    const all = new AllHostsPage(page)

    await all.openFromSwitcher()
    const labelFilter = all.filters.getByRole('combobox', { name: 'Label filter' })
    await labelFilter.fill(label)
    await labelFilter.blur()
    for (const name of names) await until(async () => (await all.rows(name).count()) === 2)
    await screenshot(page, 'all-hosts')
    await all.filters.getByRole('combobox', { name: 'Host', exact: true }).selectOption('local')
    await until(async () => (await all.rows(first).count()) === 1)

    await all.table.getByRole('checkbox', { name: 'Select all shown containers' }).check()
    await page.getByRole('toolbar').getByRole('button', { name: 'Kill' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Kill' }).click()
    await page.getByText('Kill: 2 done').waitFor()
    for (const name of names) expect(await inspectState(name)).toBe('exited')

    await all.searchBox.fill(second)
    await all.hits.filter({ hasText: 'second' }).waitFor()
    await all.searchBox.press('ArrowDown')
    await all.searchBox.press('ArrowDown')
    expect(await all.activeHit.textContent()).toContain('second')
    await all.searchBox.press('Enter')

    await page.waitForURL(/\/hosts\/second\/containers\/[0-9a-f]{64}$/)
    await page.getByRole('heading', { name: second }).waitFor()
  })
})
