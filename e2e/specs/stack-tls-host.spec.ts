import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { docker, newRunId, removeLabelled, TEST_LABEL, uniqueName } from '@harbormaster/testkit'
import type { Locator } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { Admin } from '../pages/admin.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { StackPages } from '../pages/stacks.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

const HOST = { id: 'e2e-tls', name: 'TLS engine' }

/**
 * Issue 17's "on a TLS host": the run's engine, reached over TCP with mutual TLS, added as a
 * second host the way an admin adds one (the Add host dialog, CA, certificate and key pasted),
 * then a stack written, deployed, followed, scaled and taken down there from the browser.
 */
describe('a stack on a host added over TCP with TLS (real server, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  const runId = newRunId()
  const label = `${TEST_LABEL}=${runId}`
  afterAll(async () => {
    await removeLabelled(stack.dockerHost, runId)
    await removeHostIfLeft()
  })

  /** A journey that failed half-way must not leave its host to the specs after it. */
  async function removeHostIfLeft(): Promise<void> {
    const login = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.url },
      body: JSON.stringify({ username: 'admin', password: stack.adminPassword }),
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    await fetch(`${stack.url}/api/hosts/${HOST.id}`, {
      method: 'DELETE',
      headers: { cookie, origin: stack.url },
    })
  }

  const pem = (file: string) => readFileSync(join(stack.tls.certPath, file), 'utf8')
  const inspect = async (container: string, format: string) =>
    (await docker(stack.dockerHost, ['inspect', '-f', format, container])).stdout.trim()

  const composeFile = `services:
  web:
    image: ${stack.fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo \\"web says $$GREETING\\"; sleep 1; done"]
    environment:
      GREETING: \${GREETING}
    labels:
      - ${label}
  side:
    image: ${stack.fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    labels:
      - ${label}
networks:
  default:
    labels:
      - ${label}
`

  it(
    'adds the host from the admin page, then deploys, follows, scales and takes down a stack on it',
    { timeout: 180_000 },
    async () => {
      const page = await newPage()
      await new Dashboard(page).signIn('admin', stack.adminPassword)
      const admin = new Admin(page)
      await admin.openHosts()
      await admin.addHost({
        ...HOST,
        address: stack.tls.dockerHost,
        tls: { ca: pem('ca.pem'), cert: pem('cert.pem'), key: pem('key.pem') },
      })
      await admin.row(HOST.name).getByText('TLS', { exact: true }).waitFor()

      await page.getByLabel('Host', { exact: true }).selectOption(HOST.id)
      await page.waitForURL(`**/hosts/${HOST.id}/containers`)
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Stacks' })
        .click()
      const stacks = new StackPages(page, HOST.id)
      const name = uniqueName('e2e-tls')
      const web = `${name}-web-1`
      await page.getByRole('link', { name: 'New stack' }).click()
      await page.getByRole('textbox', { name: 'Name' }).fill(name)
      await stacks.replaceText('compose', composeFile)
      await stacks.replaceText('env', 'GREETING=over tls\n')
      await stacks.createStack(name)
      expect(page.url()).toContain(`/hosts/${HOST.id}/stacks/${name}`)

      await stacks.firstDeploy.getByRole('button', { name: 'Deploy version 1' }).click()
      await stacks.confirmDeploy(`Deploy ${name} (version 1)`)
      await stacks.operationDone()
      expect(await stacks.progressSteps()).toContain(web)
      await stacks.status('running 2/2').waitFor()
      expect(await inspect(web, '{{.Config.Env}}')).toContain('GREETING=over tls')

      // Its container opens on the TLS host's container page.
      const link = page.getByRole('table', { name: 'Containers of web' }).getByRole('link', {
        name: web,
      })
      expect(await link.getAttribute('href')).toMatch(
        new RegExp(`^/hosts/${HOST.id}/containers/[0-9a-f]{64}$`),
      )
      await link.click()
      await page.getByRole('heading', { level: 1, name: web }).waitFor()
      expect(page.url()).toContain(`/hosts/${HOST.id}/containers/`)
      await page.goBack()
      await page.getByRole('heading', { level: 1, name }).waitFor()

      await stacks.tab('Logs')
      await page.getByRole('log').getByText('web says over tls').first().waitFor()

      // Scaled to 0, the service stays listed with its count, and scales back from there.
      await stacks.tab('Services')
      await stacks.scale('web', 0)
      await stacks.operationDone()
      const card = page.getByRole('region', { name: 'web', exact: true })
      await card.getByText('scaled to 0').waitFor()
      await card.getByText('0/0 running').waitFor()
      await stacks.status('running 1/1').waitFor()
      await stacks.progress.getByRole('button', { name: 'Close' }).click()
      await screenshot(page, 'stack-tls-host')
      await stacks.scale('web', 1)
      await stacks.operationDone()
      await stacks.status('running 2/2').waitFor()

      // A toast never lies over a control: the save bar's button, at the bottom of what
      // shows on a narrow window, is the element under its own centre while a toast shows.
      await stacks.tab('Editor')
      await stacks.replaceText('env', 'GREETING=still tls\n')
      await stacks.save('say it again', 2)
      await page.getByRole('status').getByText(`Saved version 2 of ${name}`).waitFor()
      await page.setViewportSize({ width: 760, height: 640 })
      const saveButton = page.getByRole('button', { name: 'Save version 3' })
      expect(await isTopmostAtBottomOfView(saveButton)).toBe(true)
      await page.setViewportSize({ width: 1280, height: 800 })

      await stacks.tab('Services')
      await page
        .getByRole('toolbar', { name: 'Stack actions' })
        .getByRole('button', { name: 'Down…' })
        .click()
      const down = page.getByRole('dialog', { name: `Take ${name} down?` })
      await down.getByRole('listitem').getByText(web).waitFor()
      await down.getByRole('listitem').getByText(`${name}-side-1`).waitFor()
      await down.getByRole('button', { name: 'Take down', exact: true }).click()
      await stacks.operationDone()
      await stacks.status('not deployed').waitFor()
      const left = await docker(stack.dockerHost, ['ps', '-aq', '--filter', `label=${label}`])
      expect(left.stdout.trim()).toBe('')

      await page
        .getByRole('toolbar', { name: 'Stack actions' })
        .getByRole('button', { name: 'Delete' })
        .click()
      await page
        .getByRole('dialog', { name: `Delete stack ${name}?` })
        .getByRole('button', { name: 'Delete stack' })
        .click()
      await page.waitForURL(`**/hosts/${HOST.id}/stacks`)
      await admin.openHosts()
      await admin.removeHost(HOST.name)
    },
  )
})

/** What the check below uses of a DOM element (these specs are typed without the DOM). */
interface PageElement {
  scrollIntoView(options: { block: 'end' }): void
  getBoundingClientRect(): { x: number; y: number; width: number; height: number }
  ownerDocument: { elementFromPoint(x: number, y: number): PageElement | null }
  contains(other: PageElement): boolean
}

/**
 * Scrolls the element to the bottom edge of its scrolling area, as a person scrolling down to it
 * sees it, and says whether it is the topmost element all over it (a 3 × 3 grid of points,
 * clear of its rounded corners): nothing lies over any part of it.
 */
async function isTopmostAtBottomOfView(locator: Locator): Promise<boolean> {
  const hits = await locator.evaluate((element: PageElement) => {
    element.scrollIntoView({ block: 'end' })
    const box = element.getBoundingClientRect()
    const grid = [0.15, 0.5, 0.85]
    return grid.flatMap((fx) =>
      grid.map((fy) => {
        const top = element.ownerDocument.elementFromPoint(
          box.x + fx * box.width,
          box.y + fy * box.height,
        )
        return top !== null && element.contains(top)
      }),
    )
  })
  return hits.every(Boolean)
}
