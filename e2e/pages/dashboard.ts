import type { Page } from 'playwright-core'

/** The actions a person takes in the dashboard, by what they see: labels, roles, text. */
export class Dashboard {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.goto('/')
    await this.page.getByLabel('Username').fill(username)
    await this.page.getByLabel('Password', { exact: true }).fill(password)
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await this.page.getByLabel('Search containers').waitFor()
  }

  async openContainers(hostId = 'local'): Promise<void> {
    await this.page.goto(`/hosts/${hostId}/containers`)
    await this.page.getByLabel('Search containers').waitFor()
  }

  /** The containers table row that shows this name. */
  row(name: string) {
    return this.page.getByRole('row').filter({ hasText: name })
  }

  async openContainer(name: string, tab?: string): Promise<void> {
    await this.page.goto(
      `/hosts/local/containers/${encodeURIComponent(name)}${tab ? `/${tab}` : ''}`,
    )
  }
}
