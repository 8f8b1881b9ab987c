import {
  TEST_LABEL,
  docker,
  newRunId,
  removeLabelled,
  scaled,
  uniqueName,
} from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { ContainerDetail } from '../pages/container-detail.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

interface Inspected {
  Id: string
  Image: string
  State: { Running: boolean; Health?: { Status: string } }
}

describe('image updates in the browser: Check now, the badge, Update (real server, engine, registry, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-updates-${newRunId()}`
  const label = `${TEST_LABEL}=${runId}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))
  const cli = (args: string[]) => docker(stack.dockerHost, args)
  const inspect = async (name: string) =>
    (JSON.parse((await cli(['inspect', name])).stdout) as Inspected[])[0]

  /** Commits an image with a /version file under `reference` and pushes it; its repo digest. */
  async function pushVersion(reference: string, version: string): Promise<string> {
    const builder = uniqueName('e2e-builder')
    await cli([
      'run',
      '--name',
      builder,
      '--label',
      label,
      stack.fixtureImage,
      'sh',
      '-c',
      `echo ${version} > /version`,
    ])
    await cli(['commit', '--change', `LABEL ${label}`, builder, reference])
    await cli(['rm', builder])
    await cli(['push', reference])
    const digests = JSON.parse(
      (await cli(['image', 'inspect', reference, '--format', '{{json .RepoDigests}}'])).stdout,
    ) as string[]
    const digest = digests.map((entry) => entry.split('@')[1]).find((d) => d !== undefined)
    if (digest === undefined) throw new Error(`no repo digest for ${reference}`)
    return digest
  }

  it(
    'finds a new digest of the tag on Check now, badges the container, and Update moves it there',
    async () => {
      const repository = `${stack.registry}/${uniqueName('e2e-app')}`
      const reference = `${repository}:1`
      await pushVersion(reference, '1')
      const name = uniqueName('e2e-updatable')
      await cli([
        'run',
        '-d',
        '--name',
        name,
        '--label',
        label,
        '--health-cmd',
        'test -f /version',
        '--health-interval',
        '1s',
        reference,
        'sleep',
        '3600',
      ])
      const before = await inspect(name)
      if (before === undefined) throw new Error(`${name} is not there`)
      const newDigest = await pushVersion(reference, '2')
      // The engine has the new image under the tag now; give the tag back the old one, as on a
      // host that has not pulled since.
      await cli(['tag', before.Image, reference])

      const page = await newPage()
      const dashboard = new Dashboard(page)
      await dashboard.signIn('admin', stack.adminPassword)
      await dashboard.openContainers()
      await page.getByRole('button', { name: 'Check now' }).click()
      await dashboard
        .row(name)
        .getByText('update available')
        .waitFor({ timeout: scaled(30_000) })

      const detail = new ContainerDetail(page)
      await detail.open(name)
      const badge = page.getByText('update available')
      await badge.waitFor()
      await screenshot(page, 'image-update')
      await page.getByRole('button', { name: 'Update', exact: true }).click()
      await page
        .getByText(`Updated ${name} to the new ${reference}`)
        .waitFor({ timeout: scaled(90_000) })
      await badge.waitFor({ state: 'detached' })
      await page.getByRole('heading', { level: 1, name }).waitFor()

      const after = await inspect(name)
      expect(after?.Id).not.toBe(before.Id)
      expect(after?.State.Running).toBe(true)
      const repoDigests = JSON.parse(
        (await cli(['image', 'inspect', after?.Image ?? '', '--format', '{{json .RepoDigests}}']))
          .stdout,
      ) as string[]
      expect(repoDigests).toContain(`${repository}@${newDigest}`)
    },
    scaled(180_000),
  )
})
