import { startSshd, type TestSshd } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { Admin } from '../pages/admin.ts'
import { Dashboard } from '../pages/dashboard.ts'
import { useBrowser } from '../support/browser.ts'

const HOST = { id: 'e2e-ssh', name: 'SSH engine' }

/**
 * Issue 22's ssh:// host as an admin adds one: the run's engine behind Debian's sshd in its
 * namespace, added from the Add host dialog with a private key and no fingerprint; the host key
 * the server offers is shown, accepted after a confirmation naming it, and the host connects.
 */
describe('a host added over SSH, its host key accepted in the browser (real sshd, engine, Chromium)', () => {
  const { stack, newPage } = useBrowser()
  let sshd: TestSshd
  beforeAll(async () => {
    sshd = await startSshd({
      netns: stack.netns,
      listenAddress: stack.engineAddress,
      dockerHost: stack.dockerHost,
    })
  })
  afterAll(async () => {
    await removeHostIfLeft()
    await sshd.stop()
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

  it('adds the host with a key, shows the offered host key, accepts it and browses the host', async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    const admin = new Admin(page)
    await admin.openHosts()

    await page.getByRole('button', { name: 'Add host' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a host' })
    await dialog.getByLabel('Host id').fill(HOST.id)
    await dialog.getByLabel('Name (defaults to the id)').fill(HOST.name)
    await dialog.getByLabel('Engine address').fill(sshd.address)
    await dialog.getByLabel('Private key').fill(sshd.ed25519.privateKey)
    await dialog.getByRole('button', { name: 'Add host' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const row = admin.row(HOST.name)
    await row.getByText('Host key not yet accepted').waitFor()
    await row.getByText(sshd.hostKeyFingerprint, { exact: true }).waitFor()
    await row.getByRole('button', { name: `Accept host key of ${HOST.name}` }).click()
    const confirm = page.getByRole('dialog', { name: `Accept the host key of ${HOST.name}?` })
    await confirm.getByText(sshd.hostKeyFingerprint, { exact: true }).waitFor()
    await confirm.getByRole('button', { name: 'Accept host key' }).click()
    await row.getByText(/^Docker .* · API /).waitFor()
    await row.getByText('Host key not yet accepted').waitFor({ state: 'detached' })

    await page.getByLabel('Host', { exact: true }).selectOption(HOST.id)
    await page.waitForURL(`**/hosts/${HOST.id}/containers`)
    await admin.openHosts()
    await admin.removeHost(HOST.name)
  })
})
