import type { Page } from 'playwright-core'

/** The containers table across hosts and the top bar's search, by what a person sees. */
export class AllHostsPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  /** Opens the list the way a person does: "All hosts" in the host switcher. */
  async openFromSwitcher(): Promise<void> {
    await this.page.locator('#host-select').selectOption({ label: 'All hosts' })
    await this.table.waitFor()
  }

  get table() {
    return this.page.getByRole('table', { name: 'Containers on all hosts' })
  }

  get filters() {
    return this.page.getByRole('search')
  }

  /** The table's rows for this container name, on any host. */
  rows(name: string) {
    return this.table.getByRole('row').filter({ hasText: name })
  }

  select(name: string, hostName: string) {
    return this.table.getByRole('checkbox', { name: `Select ${name} on ${hostName}` })
  }

  get searchBox() {
    return this.page.getByRole('combobox', { name: 'Search all hosts' })
  }

  /** The search box's hits. */
  get hits() {
    return this.page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
  }

  /** The highlighted hit of the search box's list. */
  get activeHit() {
    return this.page
      .getByRole('listbox', { name: 'Search results' })
      .locator('[aria-selected="true"]')
  }
}
