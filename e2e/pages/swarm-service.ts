import type { Page } from 'playwright-core'

/** A swarm service's page, driven by what a person sees. */
export class SwarmServicePage {
  readonly page: Page
  readonly hostId: string

  constructor(page: Page, hostId: string) {
    this.page = page
    this.hostId = hostId
  }

  async open(service: string): Promise<void> {
    await this.page.goto(`/hosts/${this.hostId}/swarm/services/${service}`)
    await this.page.getByRole('heading', { level: 1, name: service }).waitFor()
  }

  /** `running/desired`, as the summary shows it. */
  replicas() {
    return this.page.getByLabel('Replicas running of desired')
  }

  /** The task rows in a state, meant to be in `desired` (every node's table). */
  tasks(state: string, desired: string) {
    return this.page.locator(`tr[data-task-state="${state}"][data-desired-state="${desired}"]`)
  }

  /** The summary's update status, once it is `state` (`updating`, `completed`…). */
  update(state: string) {
    return this.page.locator(`[data-update-state="${state}"]`)
  }

  async scale(replicas: number): Promise<void> {
    await this.page.getByRole('button', { name: 'Scale', exact: true }).click()
    const dialog = this.page.getByRole('dialog', { name: /^Scale / })
    await dialog.getByLabel('Replicas').fill(String(replicas))
    await dialog.getByRole('button', { name: 'Scale', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
  }
}
