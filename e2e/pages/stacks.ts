import type { Page } from 'playwright-core'

/** The Stacks section of a host, driven by what a person sees. */
export class StackPages {
  readonly page: Page
  readonly hostId: string

  constructor(page: Page, hostId = 'local') {
    this.page = page
    this.hostId = hostId
  }

  async openList(): Promise<void> {
    await this.page.goto(`/hosts/${this.hostId}/stacks`)
    await this.page.getByLabel('Search stacks').waitFor()
  }

  /** The stacks table's row of this stack. */
  row(name: string) {
    return this.page
      .getByRole('table', { name: 'Stacks' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) })
  }

  async openStack(name: string, tab?: string): Promise<void> {
    await this.page.goto(`/hosts/${this.hostId}/stacks/${name}${tab ? `/${tab}` : ''}`)
    await this.page.getByRole('heading', { level: 1, name }).waitFor()
  }

  /** The badge beside the stack's name that says how many of its containers run. */
  status(text: string | RegExp) {
    return this.page.locator('main').getByText(text).first()
  }

  async action(name: 'Start' | 'Stop' | 'Restart' | 'Pull'): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Stack actions' })
      .getByRole('button', { name, exact: true })
      .click()
  }

  get progress() {
    return this.page.getByRole('region', { name: 'Progress' })
  }

  async tab(name: 'Services' | 'Logs' | 'Editor' | 'Versions'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Stack views' })
      .getByRole('link', { name })
      .click()
  }

  /** Creates a managed stack from the New page with the starter file; its page opens. */
  async create(name: string): Promise<void> {
    await this.openList()
    await this.page.getByRole('link', { name: 'New stack' }).click()
    await this.composeEditor.waitFor()
    await this.page.getByRole('textbox', { name: 'Name' }).fill(name)
    await this.page.getByRole('button', { name: 'Create stack' }).click()
    await this.page.getByRole('heading', { level: 1, name }).waitFor()
  }

  get composeEditor() {
    return this.page.getByRole('textbox', { name: 'Compose file' })
  }

  /** Adds text at the end of the compose file, as pasted (no auto-indent). */
  async appendToCompose(text: string): Promise<void> {
    await this.composeEditor.click()
    await this.page.keyboard.press('Control+End')
    await this.page.keyboard.insertText(text)
  }

  async save(comment: string, version: number): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Comment' }).fill(comment)
    await this.page.getByRole('button', { name: `Save version ${version}` }).click()
    await this.page.getByRole('button', { name: `Save version ${version + 1}` }).waitFor()
  }
}
