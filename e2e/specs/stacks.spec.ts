import { docker, newRunId, removeLabelled, TEST_LABEL, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { StackPages } from '../pages/stacks.ts'
import { makeCliProject } from '../support/cli-project.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('stacks in the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = newRunId()
  const label = `${TEST_LABEL}=${runId}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  const signedIn = async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    return { page, stacks: new StackPages(page) }
  }

  const stateOf = async (container: string) =>
    (
      await docker(stack.dockerHost, ['inspect', '-f', '{{.State.Status}}', container])
    ).stdout.trim()

  const cliProject = (services: string[]) =>
    makeCliProject(stack.dockerHost, stack.fixtureImage, label, uniqueName('e2e-cli'), services)

  it('lists a CLI project, stops and starts it from its page, and follows its logs', async () => {
    const name = await cliProject(['web', 'worker'])
    const { page, stacks } = await signedIn()

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Stacks' })
      .click()
    const row = stacks.row(name)
    await row.getByText('compose CLI').waitFor()
    await row.getByText('running 2/2').waitFor()
    expect(await row.textContent()).toContain('web 1/1 · worker 1/1')
    await screenshot(page, 'stacks')

    await row.getByRole('link', { name, exact: true }).click()
    await page
      .getByRole('table', { name: 'Containers of web' })
      .getByRole('link', { name: `${name}-web-1` })
      .waitFor()
    await page.getByText(`/srv/${name}/compose.yaml`).waitFor()
    await screenshot(page, 'stack')

    await stacks.action('Stop')
    await stacks.progress.getByRole('status').getByText('done').waitFor({ timeout: 30_000 })
    await stacks.status('exited 0/2').waitFor()
    expect(await stateOf(`${name}-web-1`)).toBe('exited')
    expect(await stacks.progress.getByRole('list', { name: 'Steps' }).textContent()).toContain(
      `${name}-worker-1`,
    )

    await stacks.action('Start')
    await stacks.status('running 2/2').waitFor({ timeout: 30_000 })
    expect(await stateOf(`${name}-worker-1`)).toBe('running')

    await stacks.tab('Logs')
    const log = page.getByRole('log')
    await log.getByText('web-1 |').first().waitFor()
    await log.getByText('worker-1 |').first().waitFor()
    await log.getByText('hello from worker').first().waitFor()
    await page.getByRole('combobox', { name: 'Service' }).selectOption('web')
    await page.waitForURL(/service=web/)
    await log.getByText('hello from web').first().waitFor()
    expect(await log.getByText('worker-1 |').count()).toBe(0)
  })

  it('creates a managed stack, saves it twice and shows two versions side by side', async () => {
    const { page, stacks } = await signedIn()
    const name = uniqueName('e2e-managed')

    await stacks.create(name)
    await page.locator('main').getByText('Harbormaster', { exact: true }).first().waitFor()
    await page.getByText('not deployed').first().waitFor()

    await stacks.tab('Editor')
    await stacks.composeEditor.waitFor()
    await stacks.appendToCompose('    labels:\n      - tier=front\n')
    await stacks.save('label the web service', 2)
    await stacks.appendToCompose('  cache:\n    image: redis:7\n')
    await screenshot(page, 'stack-editor')
    await stacks.save('add a cache', 3)

    await stacks.tab('Versions')
    const versions = page.getByRole('table', { name: 'Versions' })
    await versions.getByText('add a cache').waitFor()
    expect(await versions.getByRole('row').count()).toBe(4)
    const diff = page.getByRole('group', { name: 'Version 2 and version 3' })
    await diff.locator('.cm-changedLine').first().waitFor()
    expect(await diff.locator('.cm-editor').count()).toBe(2)
    expect(await diff.locator('.cm-editor').nth(1).textContent()).toContain('redis:7')
    await screenshot(page, 'stack-diff')

    await versions
      .getByRole('row')
      .filter({ hasText: 'label the web service' })
      .getByRole('button', { name: 'Compare with latest' })
      .click()
    await page.getByRole('group', { name: 'Version 2 and version 3' }).waitFor()
    await versions
      .getByRole('row')
      .filter({ hasText: 'v1' })
      .getByRole('button', { name: 'Compare with latest' })
      .click()
    await page
      .getByRole('group', { name: 'Version 1 and version 3' })
      .locator('.cm-changedLine')
      .first()
      .waitFor()
  })

  it('adopts a compose CLI project from the browser; its first deploy recreates the containers', async () => {
    const name = await cliProject(['web', 'worker'])
    const containers = [`${name}-web-1`, `${name}-worker-1`]
    const idsOf = async () =>
      Promise.all(
        containers.map((c) => docker(stack.dockerHost, ['inspect', '-f', '{{.Id}}', c])),
      ).then((out) => out.map((o) => o.stdout.trim()))
    const cliIds = await idsOf()
    const { page, stacks } = await signedIn()
    await stacks.openStack(name)

    await stacks.action('Adopt')
    const review = page.getByRole('region', { name: `Adopt ${name}` })
    await review.getByText('generated from its containers').waitFor()
    await stacks.composeEditor.getByText('worker:').waitFor()
    const file = (await stacks.composeEditor.textContent()) ?? ''
    expect(file).toContain(stack.fixtureImage)
    expect(file).toContain(`${TEST_LABEL}: ${runId}`)
    await review.getByText('Nothing changes on the host until you deploy it').waitFor()
    await screenshot(page, 'stack-adopt')

    await review.getByRole('button', { name: 'Save as managed stack' }).click()
    await page
      .getByRole('navigation', { name: 'Stack views' })
      .getByRole('link', { name: 'Editor' })
      .waitFor()
    await page.locator('main').getByText('Harbormaster', { exact: true }).first().waitFor()
    await stacks.firstDeploy.getByText('recreates every one of them').waitFor()
    expect(await idsOf()).toEqual(cliIds)

    await stacks.firstDeploy.getByRole('button', { name: 'Deploy version 1' }).click()
    await stacks.confirmDeploy(`Deploy ${name} (version 1)`)
    await stacks.operationDone()
    await stacks.status('running 2/2').waitFor()
    const deployedIds = await idsOf()
    expect(deployedIds.filter((id) => cliIds.includes(id))).toEqual([])
    for (const c of containers) expect(await stateOf(c)).toBe('running')
    // The generated file kept the run's label: what the deploy made is removed with the rest.
    const labelled = await docker(stack.dockerHost, [
      'ps',
      '-q',
      '--filter',
      `label=${label}`,
      '--filter',
      `label=com.docker.compose.project=${name}`,
    ])
    expect(labelled.stdout.trim().split('\n')).toHaveLength(2)
  })
})
