import type { Page } from 'playwright-core'

/** Images, networks, volumes and swarm of a host, driven by what a person sees. */
export class ResourcePages {
  readonly page: Page
  readonly hostId: string

  constructor(page: Page, hostId = 'local') {
    this.page = page
    this.hostId = hostId
  }

  get dialog() {
    return this.page.getByRole('dialog')
  }

  /** The table row that shows this text. */
  row(text: string) {
    return this.page.getByRole('row').filter({ hasText: text })
  }

  async open(section: 'images' | 'networks' | 'volumes' | 'swarm'): Promise<void> {
    await this.page.goto(`/hosts/${this.hostId}/${section}`)
    await this.page.getByRole('heading', { level: 1 }).waitFor()
  }

  /** Builds from Dockerfile text; returns with the dialog open and its output visible. */
  async buildFromDockerfile(dockerfile: string, tag: string, labels: string): Promise<void> {
    await this.open('images')
    await this.page.getByRole('button', { name: 'Build', exact: true }).click()
    await this.dialog.getByRole('textbox', { name: 'Dockerfile' }).fill(dockerfile)
    await this.dialog.getByLabel('Tags (name:tag, comma-separated)').fill(tag)
    await this.dialog.getByLabel('Labels (key=value per line)').fill(labels)
    await this.dialog.getByRole('button', { name: 'Build', exact: true }).click()
  }

  get buildOutput() {
    return this.page.getByRole('log', { name: 'Build output' })
  }

  async tagImage(shownAs: string, reference: string): Promise<void> {
    await this.row(shownAs).getByRole('button', { name: 'Tag', exact: true }).click()
    await this.dialog.getByLabel('New name (repository:tag)').fill(reference)
    await this.dialog.getByRole('button', { name: 'Tag', exact: true }).click()
  }

  async createNetwork(name: string, labels: string): Promise<void> {
    await this.open('networks')
    await this.page.getByRole('button', { name: 'Create', exact: true }).click()
    await this.dialog.getByLabel('Name', { exact: true }).fill(name)
    await this.dialog.getByLabel('Labels (key=value per line)').fill(labels)
    await this.dialog.getByRole('button', { name: 'Create', exact: true }).click()
  }

  async openNetwork(name: string): Promise<void> {
    await this.open('networks')
    await this.row(name).getByRole('link', { name }).click()
    await this.page.getByRole('heading', { name, level: 1 }).waitFor()
  }

  /** The table of containers on the open network. */
  attached(network: string) {
    return this.page.getByRole('table', { name: `Containers on ${network}` })
  }

  async connect(container: string): Promise<void> {
    await this.page.getByLabel('Container to connect').selectOption({ label: container })
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click()
  }

  async disconnect(network: string, container: string): Promise<void> {
    await this.attached(network)
      .getByRole('row')
      .filter({ hasText: container })
      .getByRole('button', { name: 'Disconnect' })
      .click()
    await this.dialog.getByRole('button', { name: 'Disconnect' }).click()
  }

  async openVolume(name: string): Promise<void> {
    await this.open('volumes')
    await this.row(name).getByRole('link', { name }).click()
    await this.page.getByRole('heading', { name, level: 1 }).waitFor()
  }
}
