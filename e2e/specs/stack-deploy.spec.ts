import { docker, newRunId, removeLabelled, TEST_LABEL, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { StackPages } from '../pages/stacks.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

/**
 * Issue 17's journey in Chromium against the real server and engine: a stack written with a
 * mistake, fixed, deployed, edited, redeployed and rolled back, each step checked on the engine
 * with the docker CLI.
 */
describe('deploying a stack from the browser (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = newRunId()
  const label = `${TEST_LABEL}=${runId}`
  afterAll(() => removeLabelled(stack.dockerHost, runId))

  const signedIn = async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    return { page, stacks: new StackPages(page) }
  }

  const inspect = async (container: string, format: string) =>
    (await docker(stack.dockerHost, ['inspect', '-f', format, container])).stdout.trim()

  /** A service that logs what it says once a second and ends at once on SIGTERM. */
  const service = (name: string, extra: string) => `  ${name}:
    image: ${stack.fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo \\"${name} says $$GREETING\\"; sleep 1; done"]
${extra}    labels:
      - ${label}
`
  /**
   * Two services, only `web` reading GREETING from the `.env`; the run's label on both and on
   * the default network, so everything the deploy creates is removed afterwards. The mistake
   * is a misspelt key on line 12.
   */
  const composeFile = (mistake: boolean) =>
    `services:
${service('web', '    environment:\n      GREETING: ${GREETING}\n')}${service('worker', mistake ? '    comand: oops\n' : '')}networks:
  default:
    labels:
      - ${label}
`

  it(
    'writes a stack with a mistake, fixes it, deploys it, redeploys one changed service and rolls back',
    { timeout: 180_000 },
    async () => {
      const { page, stacks } = await signedIn()
      const name = uniqueName('e2e-deploy')
      const web = `${name}-web-1`
      const worker = `${name}-worker-1`

      await stacks.openNew(name)
      await stacks.replaceText('compose', composeFile(true))
      await stacks.markOnLine('comand: oops').waitFor()
      expect(await stacks.problems.textContent()).toContain('compose.yaml:12:5')
      await stacks.replaceText('compose', composeFile(false))
      await stacks.problems.waitFor({ state: 'detached' })
      expect(await page.locator('.cm-lintRange-error').count()).toBe(0)
      await stacks.createStack(name)

      await stacks.firstDeploy.getByRole('button', { name: 'Deploy version 1' }).click()
      await stacks.confirmDeploy(`Deploy ${name} (version 1)`)
      await stacks.operationDone()
      expect(await stacks.progressSteps()).toContain(`${name}_default`)
      await stacks.status('running 2/2').waitFor()
      await page.getByRole('table', { name: 'Containers of web' }).getByText(web).waitFor()
      await screenshot(page, 'stack-deploy')
      expect(await stacks.firstDeploy.count()).toBe(0)
      expect(await inspect(web, '{{.State.Status}}')).toBe('running')

      const log = page.getByRole('log')
      const followWeb = async () => {
        await stacks.tab('Logs')
        await page.getByRole('combobox', { name: 'Service' }).selectOption('web')
        await page.waitForURL(/service=web/)
      }
      await followWeb()
      await log.getByText('web says hello').first().waitFor()
      expect(await log.getByText('worker says').count()).toBe(0)

      // A new value for web's only: web is recreated, the worker keeps its container; the
      // open logs go on with web's new container, which says the new value.
      const ids = { web: await inspect(web, '{{.Id}}'), worker: await inspect(worker, '{{.Id}}') }
      await stacks.tab('Editor')
      await stacks.envEditor.waitFor()
      await stacks.replaceText('env', 'GREETING=bonjour\n')
      await stacks.save('say bonjour', 2)
      await followWeb()
      await log.getByText('web says hello').first().waitFor()
      await stacks.action('Deploy')
      await stacks.confirmDeploy(`Deploy ${name} (version 2)`)
      await stacks.operationDone()
      expect(await stacks.progressSteps()).not.toContain(worker)
      await stacks.status('running 2/2').waitFor()
      expect(await inspect(web, '{{.Id}}')).not.toBe(ids.web)
      expect(await inspect(worker, '{{.Id}}')).toBe(ids.worker)
      expect(await inspect(web, '{{.Config.Env}}')).toContain('GREETING=bonjour')
      // The open logs follow the stack: web's new container joins them by itself.
      await log.getByText('web says bonjour').first().waitFor()

      await stacks.tab('Versions')
      await page.getByRole('combobox', { name: 'File' }).selectOption('env')
      const diff = page.getByRole('group', { name: 'Version 1 and version 2' })
      await diff.locator('.cm-changedLine').first().waitFor()
      expect(await diff.locator('.cm-editor').nth(0).textContent()).toContain('GREETING=hello')
      expect(await diff.locator('.cm-editor').nth(1).textContent()).toContain('GREETING=bonjour')

      // Rolled back: version 1's value is in web's new container; the worker is still left be.
      const redeployed = await inspect(web, '{{.Id}}')
      await page
        .getByRole('table', { name: 'Versions' })
        .getByRole('row')
        .filter({ hasText: 'v1' })
        .getByRole('button', { name: 'Deploy this version' })
        .click()
      await stacks.confirmDeploy(`Deploy version 1 of ${name}`)
      await stacks.operationDone()
      await page.getByText('version 1 deployed by admin').waitFor()
      expect(await inspect(web, '{{.Id}}')).not.toBe(redeployed)
      expect(await inspect(web, '{{.Config.Env}}')).toContain('GREETING=hello')
      expect(await inspect(worker, '{{.Id}}')).toBe(ids.worker)
    },
  )

  it('scales a service of a deployed stack up and down again', { timeout: 120_000 }, async () => {
    const { page, stacks } = await signedIn()
    const name = uniqueName('e2e-scale')
    await stacks.openNew(name)
    await stacks.replaceText('compose', composeFile(false))
    await stacks.createStack(name)
    await stacks.firstDeploy.getByRole('button', { name: 'Deploy version 1' }).click()
    await stacks.confirmDeploy(`Deploy ${name} (version 1)`)
    await stacks.operationDone()
    await stacks.status('running 2/2').waitFor()

    await stacks.scale('worker', 3)
    await stacks.operationDone()
    await stacks.status('running 4/4').waitFor()
    const workers = page.getByRole('table', { name: 'Containers of worker' })
    await workers.getByText(`${name}-worker-3`).waitFor()
    // The new containers carry the file's labels (the run's among them), as the first did.
    expect(await inspect(`${name}-worker-3`, `{{index .Config.Labels "${TEST_LABEL}"}}`)).toBe(
      runId,
    )

    await stacks.scale('worker', 1)
    await stacks.operationDone()
    await stacks.status('running 2/2').waitFor()
    expect(await stacks.progressSteps()).toContain(`${name}-worker-3`)
    const left = await docker(stack.dockerHost, [
      'ps',
      '-a',
      '--filter',
      `label=com.docker.compose.project=${name}`,
      '--format',
      '{{.Names}}',
    ])
    expect(left.stdout.trim().split('\n').sort()).toEqual([`${name}-web-1`, `${name}-worker-1`])
  })
})
