import type { Page } from 'playwright-core'

/** The swarm's Secrets tab and the service form, by what a person sees: labels and buttons. */
export class SwarmServiceForm {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async createSecret(hostId: string, name: string, value: string): Promise<void> {
    await this.page.goto(`/hosts/${hostId}/swarm/secrets`)
    await this.page.getByRole('button', { name: 'Create secret' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Name', { exact: true }).fill(name)
    await dialog.getByLabel('Value', { exact: true }).fill(value)
    await dialog.getByRole('button', { name: 'Create' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await this.page.getByRole('row').filter({ hasText: name }).waitFor()
  }

  /** Opens the form from the Services tab's "New service" link. */
  async open(hostId: string): Promise<void> {
    await this.page.goto(`/hosts/${hostId}/swarm/services`)
    await this.page.getByRole('link', { name: 'New service' }).click()
    await this.page.getByRole('heading', { name: 'New service' }).waitFor()
  }

  /** The form's field whose label starts with these words. */
  field(label: string) {
    return this.page.getByLabel(new RegExp(`^${label}`))
  }

  async attachSecret(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add secret' }).click()
    await this.page.getByRole('combobox', { name: 'secret name' }).fill(name)
  }

  /** The live `docker service create` beside the form. */
  preview() {
    return this.page.getByTestId('service-create-command')
  }
}
