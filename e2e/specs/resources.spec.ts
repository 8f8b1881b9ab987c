import { TEST_LABEL, docker, newRunId, removeLabelled, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { ResourcePages } from '../pages/resources.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the condition did not hold in time')
}

describe('images, networks, volumes and swarm in the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-resources-${newRunId()}`
  const label = `${TEST_LABEL}=${runId}`
  const repo = uniqueName('e2e-build')
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  const signedIn = async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    return { page, resources: new ResourcePages(page) }
  }

  /** A running container of this run, for networks and volumes to hold. */
  const runContainer = async (name: string, ...options: string[]) => {
    await docker(stack.dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      '--label',
      label,
      ...options,
      stack.fixtureImage,
      'sleep',
      '300',
    ])
  }

  it('builds an image from a Dockerfile, shows the output, lists the image and tags it', async () => {
    const { page, resources } = await signedIn()
    // The fixture image is local: the build pulls nothing and its RUN needs no network.
    const dockerfile = `FROM ${stack.fixtureImage}\nRUN echo built-by-e2e > /built.txt && cat /built.txt\n`

    await resources.buildFromDockerfile(dockerfile, `${repo}:1`, label)

    await resources.buildOutput.getByText(/Successfully tagged/).waitFor({ timeout: 30_000 })
    expect(await resources.buildOutput.textContent()).toContain('built-by-e2e')
    await page.getByText(`Built ${repo}:1`).waitFor()
    await screenshot(page, 'image-build')
    await resources.dialog.getByRole('button', { name: 'Close' }).click()
    await resources.row(`${repo}:1`).waitFor()
    await screenshot(page, 'images')

    await resources.tagImage(`${repo}:1`, `${repo}:retagged`)

    await page.getByText(`Tagged ${repo}:1 as ${repo}:retagged`).waitFor()
    const { stdout } = await docker(stack.dockerHost, [
      'image',
      'inspect',
      '-f',
      '{{json .RepoTags}}',
      `${repo}:1`,
    ])
    expect(JSON.parse(stdout) as string[]).toContain(`${repo}:retagged`)
  })

  it('creates a network, connects a container, sees it with its address, disconnects it', async () => {
    const { page, resources } = await signedIn()
    const network = uniqueName('e2e-net')
    const container = uniqueName('e2e-net-box')
    await runContainer(container)

    await resources.createNetwork(network, label)
    await page.getByText(`Created network ${network}`).waitFor()
    await resources.openNetwork(network)
    await resources.connect(container)

    const row = resources.attached(network).getByRole('row').filter({ hasText: container })
    await row.getByText(/^\d+\.\d+\.\d+\.\d+/).waitFor()
    await page.getByText('bridge', { exact: true }).first().waitFor()
    await screenshot(page, 'network')

    await resources.disconnect(network, container)

    await row.waitFor({ state: 'detached' })
    await until(async () => {
      const { stdout } = await docker(stack.dockerHost, [
        'inspect',
        '-f',
        '{{json .NetworkSettings.Networks}}',
        container,
      ])
      return !stdout.includes(network)
    })
  })

  it('inspects a volume: driver, mountpoint, labels and the container using it', async () => {
    const { page, resources } = await signedIn()
    const volume = uniqueName('e2e-vol')
    const container = uniqueName('e2e-vol-box')
    await docker(stack.dockerHost, ['volume', 'create', '--label', label, volume])
    await runContainer(container, '-v', `${volume}:/data`)

    await resources.openVolume(volume)

    const volumeCard = page.getByRole('region', { name: 'Volume' })
    await volumeCard.getByText(new RegExp(`/volumes/${volume}/_data`)).waitFor()
    expect(await volumeCard.textContent()).toMatch(/Driverlocal/)
    await page.getByRole('region', { name: 'Labels' }).getByText(runId).waitFor()
    const users = page.getByRole('region', { name: 'Used by' })
    await users.getByRole('link', { name: container }).waitFor()
    await users.getByText('→ /data').waitFor()
    await screenshot(page, 'volume')
  })

  it('explains that a host which is not a swarm manager has no swarm to show', async () => {
    const { page, resources } = await signedIn()

    await resources.open('swarm')

    await page.getByText('This host is not a swarm manager').waitFor()
    expect(await page.getByRole('link', { name: 'Swarm' }).count()).toBe(0)
    await screenshot(page, 'swarm')
  })
})
