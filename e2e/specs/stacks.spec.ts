import { docker, newRunId, removeLabelled, TEST_LABEL, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { StackPages } from '../pages/stacks.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

/** A main process that logs a line a second and ends at once on SIGTERM. */
const CHATTY = [
  'sh',
  '-c',
  'trap "exit 0" TERM; while true; do echo "hello from $SVC"; sleep 1; done',
]

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

  /**
   * A project as `docker compose up -d` leaves it (apps/server/test/cli-project.ts): its network
   * and one container per service, with the compose CLI's labels and this run's label.
   */
  const cliProject = async (services: string[]) => {
    const name = uniqueName('e2e-cli')
    const project = ['--label', `com.docker.compose.project=${name}`]
    await docker(stack.dockerHost, [
      'network',
      'create',
      '--label',
      label,
      ...project,
      '--label',
      'com.docker.compose.network=default',
      `${name}_default`,
    ])
    for (const service of services) {
      await docker(stack.dockerHost, [
        'run',
        '-d',
        '--name',
        `${name}-${service}-1`,
        '--network',
        `${name}_default`,
        '-e',
        `SVC=${service}`,
        '--label',
        label,
        ...project,
        ...['--label', `com.docker.compose.service=${service}`],
        ...['--label', 'com.docker.compose.container-number=1'],
        ...['--label', 'com.docker.compose.oneoff=False'],
        ...['--label', `com.docker.compose.project.config_files=/srv/${name}/compose.yaml`],
        ...['--label', `com.docker.compose.project.working_dir=/srv/${name}`],
        stack.fixtureImage,
        ...CHATTY,
      ])
    }
    return name
  }

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
})
