import { docker, newRunId, removeLabelled, TEST_LABEL, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Admin } from '../pages/admin.ts'
import { ContainerDetail } from '../pages/container-detail.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('changing a container, and an admin changing hosts and access (real stack)', () => {
  const { stack, newPage } = useBrowser()
  const runId = newRunId()
  const label = `${TEST_LABEL}=${runId}`
  const origin = { Origin: stack.url }

  afterAll(async () => {
    await removeLabelled(stack.dockerHost, runId)
  })

  /** A labelled container from the fixture image, running `sleep` unless `created` only. */
  const container = async (prefix: string, created = false) => {
    const name = uniqueName(prefix)
    const how = created ? ['create'] : ['run', '-d']
    await docker(stack.dockerHost, [
      ...how,
      '--name',
      name,
      '--label',
      label,
      stack.fixtureImage,
      'sleep',
      '300',
    ])
    return name
  }
  const inspect = async (name: string, format: string) =>
    (await docker(stack.dockerHost, ['inspect', '-f', format, name])).stdout.trim()

  /** Signs in as the admin; the signed-out start must not log errors (no 401 from a probe). */
  const signedIn = async () => {
    const page = await newPage()
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    expect(errors).toEqual([])
    return page
  }

  it('renames a container and shows the new name', async () => {
    const name = await container('e2e-rename')
    const renamed = `${name}-renamed`
    const page = await signedIn()
    const detail = new ContainerDetail(page)
    await detail.open(name)

    await detail.rename(renamed)

    await page.getByRole('heading', { level: 1, name: renamed }).waitFor()
    expect(decodeURIComponent(new URL(page.url()).pathname)).toContain(renamed)
    expect(await inspect(renamed, '{{.Name}}')).toBe(`/${renamed}`)
  })

  it('changes the memory limit and shows it in the overview', async () => {
    const name = await container('e2e-limits')
    const page = await signedIn()
    const detail = new ContainerDetail(page)
    await detail.open(name)
    await detail.cardRow('Limits', 'Memory').getByText('unlimited').waitFor()

    await detail.setMemoryLimit('64m')

    await detail.cardRow('Limits', 'Memory').getByText('64MiB').waitFor()
    expect(await inspect(name, '{{.HostConfig.Memory}}')).toBe(String(64 * 1024 * 1024))
  })

  it('says a stopped container is not running instead of failing to connect', async () => {
    const name = await container('e2e-stopped', true)
    const page = await signedIn()
    const detail = new ContainerDetail(page)

    await detail.open(name, 'terminal')

    const blocked = page.getByRole('status').filter({ hasText: 'The container is not running' })
    await blocked.getByRole('button', { name: 'Start', exact: true }).waitFor()
    expect(await page.locator('.xterm').count()).toBe(0)
  })

  it('attaches to the main process of a container started with a TTY and types into it', async () => {
    const name = uniqueName('e2e-attach')
    await docker(stack.dockerHost, [
      ...['run', '-d', '-it', '--name', name, '--label', label],
      stack.fixtureImage,
      'sh',
    ])
    const page = await signedIn()
    await page.goto(`/hosts/local/containers/${name}/terminal?mode=attach`)
    const screen = page.locator('.xterm-rows')
    await page.locator('.xterm').click()
    await expect
      .poll(
        async () => {
          // The main shell printed its prompt before we attached: ask for output until it shows.
          await page.keyboard.type('echo att""ached\n')
          return (await screen.textContent()) ?? ''
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toContain('attached')
    // It was the container's own shell: PID 1 answers.
    await page.keyboard.type('echo pid-$$\n')
    await expect.poll(async () => (await screen.textContent()) ?? '').toContain('pid-1')
  })

  it('runs a custom command word for word, quotes and all, and refuses an open quote', async () => {
    const name = await container('e2e-custom-cmd')
    const page = await signedIn()
    await page.goto(`/hosts/local/containers/${name}/terminal?shell=custom`)
    const command = page.getByLabel('Command', { exact: true })

    await command.fill(`sh -c "echo 'open`)
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'A quote is not closed' }).waitFor()

    // Two arguments: "a  b" (four characters, spaces kept) and c"d; printed without spaces,
    // which the terminal's DOM may render as other characters.
    await command.fill(`sh -c 'printf "n%s-%s-%s" "$#" "\${#1}" "$2"' sh "a  b" 'c"d'`)
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    const screen = page.locator('.xterm-rows')
    await expect.poll(async () => (await screen.textContent()) ?? '').toContain('n2-4-c"d')
  })

  it('lets an admin rename a host', async () => {
    const page = await signedIn()
    const hostId = `hm-e2e-${runId.slice(-6)}`
    const created = await page.request.post('/api/hosts', {
      data: { id: hostId, name: 'Spare engine', address: 'unix:///run/hm-e2e-absent.sock' },
      headers: origin,
    })
    expect(created.status()).toBe(201)
    try {
      const admin = new Admin(page)
      await admin.openHosts()

      await admin.renameHost('Spare engine', 'Renamed engine')

      await admin.row(hostId).getByText('Renamed engine').waitFor()
      await screenshot(page, 'admin-hosts')
    } finally {
      await page.request.delete(`/api/hosts/${hostId}`, { headers: origin })
    }
  })

  it('lets an admin give a user a narrower role on a host', async () => {
    const page = await signedIn()
    const username = `e2e-grant-${runId.slice(-6)}`
    const created = await page.request.post('/api/users', {
      data: { username, password: 'granted-password-1', role: 'operator' },
      headers: origin,
    })
    expect(created.status()).toBe(201)
    const { user } = (await created.json()) as { user: { id: string } }
    try {
      const admin = new Admin(page)
      await admin.openUsers()

      await admin.grantAccess(username, 'local', 'viewer')

      await admin.row(username).getByText('local: viewer').waitFor()
      await screenshot(page, 'admin-users')
      const users = (await (await page.request.get('/api/users')).json()) as {
        users: { id: string; hostGrants: unknown[] }[]
      }
      expect(users.users.find((u) => u.id === user.id)?.hostGrants).toEqual([
        { hostId: 'local', role: 'viewer' },
      ])
    } finally {
      await page.request.delete(`/api/users/${user.id}`, { headers: origin })
    }
  })
})
