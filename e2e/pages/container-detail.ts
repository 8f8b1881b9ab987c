import type { Page } from 'playwright-core'

/** One container's page: its header actions, the overview's cards and the terminal tab. */
export class ContainerDetail {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async open(name: string, tab?: string, hostId = 'local'): Promise<void> {
    const path = `/hosts/${hostId}/containers/${encodeURIComponent(name)}`
    await this.page.goto(tab === undefined ? path : `${path}/${tab}`)
    await this.heading.waitFor()
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1 })
  }

  async rename(to: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Rename', exact: true }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('New name').fill(to)
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click()
  }

  async setMemoryLimit(size: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit limits and restart policy' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Memory', { exact: true }).fill(size)
    await dialog.getByRole('button', { name: 'Apply' }).click()
  }

  /** A row ("Memory", "CPUs"…) of one card of the overview. */
  cardRow(card: string, label: string) {
    // The card is the innermost section holding its heading (the page is a section too); a row
    // is its label and the value beside it.
    return this.page
      .locator('section')
      .filter({ has: this.page.getByRole('heading', { name: card, exact: true }) })
      .last()
      .getByText(label, { exact: true })
      .locator('xpath=..')
  }
}
