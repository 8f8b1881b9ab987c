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

  row(text: string) {
    return this.page.getByRole('row').filter({ hasText: text })
  }
}
