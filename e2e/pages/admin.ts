import type { Page } from 'playwright-core'

/** The administration pages: hosts and users. */
export class Admin {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async openHosts(): Promise<void> {
    await this.page.goto('/admin/hosts')
    await this.page.getByRole('button', { name: 'Add host' }).waitFor()
  }

  async openUsers(): Promise<void> {
    await this.page.goto('/admin/users')
    await this.page.getByRole('button', { name: 'Add user' }).waitFor()
  }

  async renameHost(current: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit host ${current}` }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Name', { exact: true }).fill(to)
    await dialog.getByRole('button', { name: 'Save' }).click()
  }

  async grantAccess(username: string, hostId: string, access: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit host access of ${username}` }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel(`Access to ${hostId}`).selectOption({ label: access })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'hidden' })
  }

  /** Adds an engine from the Add host dialog; TLS fields appear once the address is tcp://. */
  async addHost(host: {
    id: string
    name: string
    address: string
    tls: { ca: string; cert: string; key: string }
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add host' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Add a host' })
    await dialog.getByLabel('Host id').fill(host.id)
    await dialog.getByLabel('Name (defaults to the id)').fill(host.name)
    await dialog.getByLabel('Engine address').fill(host.address)
    await dialog.getByLabel('CA certificate').fill(host.tls.ca)
    await dialog.getByLabel('Client certificate').fill(host.tls.cert)
    await dialog.getByLabel('Client key').fill(host.tls.key)
    await dialog.getByRole('button', { name: 'Add host' }).click()
    await dialog.waitFor({ state: 'hidden' })
  }

  /** Removes a host from the hosts table, confirming the dialog that names it. */
  async removeHost(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Remove' }).click()
    await this.page
      .getByRole('dialog', { name: `Remove host ${name}?` })
      .getByRole('button', { name: 'Remove' })
      .click()
    await this.row(name).waitFor({ state: 'detached' })
  }

  row(text: string) {
    return this.page.getByRole('row').filter({ hasText: text })
  }
}
