import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { screenshot, useBrowser } from '../support/browser.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { startServerProcess } from '../support/server-process.ts'

const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the condition did not hold in time')
}

describe('what a new user does in the browser (real server, engine and Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const label = `harbormaster.test-run=e2e-${Date.now().toString(36)}`
  const name = `hm-e2e-web-${Date.now().toString(36)}`

  it('first run creates the admin, who lands on the containers view', async () => {
    // A server of its own, with no user yet (the shared one starts with an admin).
    const fresh = await startServerProcess(stack.dockerHost)
    const page = await newPage()
    await page.goto(fresh.url)
    await page.getByText('Create the first administrator').waitFor()
    // Printed in the server's log at start, where the page says to look for it.
    await page.getByText("Printed in the server's log at start").waitFor()
    await page.getByLabel('Setup code').fill(await fresh.setupCode())
    await screenshot(page, 'first-run')

    await page.getByLabel('Username').fill('admin')
    await page.getByLabel('Password', { exact: true }).fill(stack.adminPassword)
    await page.getByLabel('Repeat password').fill(stack.adminPassword)
    await page.getByRole('button', { name: 'Create administrator' }).click()

    await page.getByLabel('Search containers').waitFor()
    expect(page.url()).toContain('/hosts/local/containers')
    await fresh.stop()
  })

  it('creates and starts a container from the form, then sees it in the table', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await page.goto('/hosts/local/containers/new')

    await page.getByLabel('Image', { exact: true }).fill(stack.fixtureImage)
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page
      .getByLabel('Command', { exact: true })
      .fill("sh -c 'while true; do echo tick-$(date +%s); sleep 1; done'")
    await page.getByLabel('Labels (key=value per line)').fill(label)
    await screenshot(page, 'create-container')
    await page.getByRole('button', { name: 'Create and start' }).click()
    await page.waitForURL((url) => !url.pathname.endsWith('/containers/new'))

    await dashboard.openContainers()
    await dashboard.row(name).getByText(/^Up /).waitFor()
    await screenshot(page, 'containers')
    const { stdout } = await docker(stack.dockerHost, ['inspect', '-f', '{{.State.Running}}', name])
    expect(stdout.trim()).toBe('true')
  })

  it('runs echo hello in its terminal', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await dashboard.openContainer(name, 'terminal')

    await page.locator('.xterm').click()
    await until(
      async () => (await page.locator('.xterm-rows').textContent())?.includes('#') ?? false,
    )
    await page.keyboard.type('echo hel""lo\n')

    await until(async () =>
      ((await page.locator('.xterm-rows').textContent()) ?? '').includes('hello'),
    )
    await screenshot(page, 'terminal')
  })

  it('draws its CPU chart and figures from the live stats', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await dashboard.openContainer(name, 'stats')

    await page.getByText('CPU %').waitFor()
    await page.locator('.uplot canvas').first().waitFor()
    await until(
      async () =>
        (await page.getByRole('definition').first().textContent())?.includes('%') ?? false,
    )
    await screenshot(page, 'stats')
  })

  it('reads its logs and finds a line by search', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await dashboard.openContainer(name, 'logs')

    await page.getByRole('log').getByText('tick-').first().waitFor()
    await page.getByLabel('Search logs').fill('tick-')

    await page.getByRole('log').locator('mark').first().waitFor()
    await screenshot(page, 'logs')
  })

  it('shows a container started from the CLI without a reload', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    const cli = `hm-e2e-cli-${Date.now().toString(36)}`

    await docker(stack.dockerHost, [
      'run',
      '-d',
      '--name',
      cli,
      '--label',
      label,
      stack.fixtureImage,
      'sleep',
      '300',
    ])

    await dashboard.row(cli).waitFor({ timeout: 10_000 })
  })

  it('stops and removes the container, with a confirmation', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await dashboard.openContainer(name)

    await page.getByRole('button', { name: 'Stop', exact: true }).click()
    await until(
      async () =>
        (
          await docker(stack.dockerHost, ['inspect', '-f', '{{.State.Running}}', name])
        ).stdout.trim() === 'false',
    )
    await page.getByRole('button', { name: 'Remove', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()

    await until(
      async () =>
        (
          await docker(stack.dockerHost, ['ps', '-aq', '--filter', `name=^/${name}$`])
        ).stdout.trim() === '',
    )
  })

  it('shows the engine’s error for a pull of an image that cannot be fetched', async () => {
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)
    await page.goto('/hosts/local/images')
    await page.getByRole('button', { name: 'Pull' }).click()

    await page.getByRole('dialog').getByLabel('Image').fill('127.0.0.1:1/hm/missing:1')
    await page.getByRole('dialog').getByRole('button', { name: 'Pull' }).click()

    await page
      .getByRole('dialog')
      .getByText(/127\.0\.0\.1:1/)
      .first()
      .waitFor()
    await screenshot(page, 'pull-error')
  })

  it('gives a viewer no buttons that change things, and the server refuses anyway', async () => {
    const admin = await newPage()
    await new Dashboard(admin).signIn('admin', stack.adminPassword)
    const created = await admin.request.post('/api/users', {
      data: { username: 'e2e-viewer', password: 'viewer-password-1', role: 'viewer' },
      headers: { Origin: stack.url },
    })
    expect(created.status()).toBe(201)
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('e2e-viewer', 'viewer-password-1')
    const cli = `hm-e2e-view-${Date.now().toString(36)}`
    await docker(stack.dockerHost, [
      'run',
      '-d',
      '--name',
      cli,
      '--label',
      label,
      stack.fixtureImage,
      'sleep',
      '300',
    ])
    await dashboard.openContainer(cli)
    await page.getByText(cli).first().waitFor()

    expect(await page.getByRole('button', { name: 'Stop', exact: true }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Terminal' }).count()).toBe(0)
    const refused = await page.request.post(`/api/hosts/local/containers/${cli}/stop`, {
      headers: { Origin: stack.url },
    })
    expect(refused.status()).toBe(403)
    await screenshot(page, 'viewer')
  })
})
