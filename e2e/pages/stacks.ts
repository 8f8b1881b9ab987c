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

  async action(name: 'Deploy' | 'Adopt' | 'Start' | 'Stop' | 'Restart' | 'Pull'): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Stack actions' })
      .getByRole('button', { name, exact: true })
      .click()
  }

  get progress() {
    return this.page.getByRole('region', { name: 'Progress' })
  }

  /** The steps the progress panel lists, as text. */
  async progressSteps(): Promise<string> {
    return (await this.progress.getByRole('list', { name: 'Steps' }).textContent()) ?? ''
  }

  /** Waits until the operation in the progress panel has ended well. */
  async operationDone(timeout = 60_000): Promise<void> {
    await this.progress.getByRole('status').getByText('done').waitFor({ timeout })
  }

  /** Deploys from the deploy dialog (opened by Deploy, or Deploy this version) as it is. */
  async confirmDeploy(title: string | RegExp): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: title })
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
  }

  /** The offer to deploy a managed stack that was never deployed. */
  get firstDeploy() {
    return this.page.getByRole('note', { name: 'Not deployed yet' })
  }

  /** Scales a service from the Services tab (the count field and Scale in its card). */
  async scale(service: string, replicas: number): Promise<void> {
    const card = this.page.getByRole('region', { name: service, exact: true })
    await card.getByRole('spinbutton', { name: `Containers of ${service}` }).fill(String(replicas))
    await card.getByRole('button', { name: 'Scale' }).click()
  }

  async tab(name: 'Services' | 'Logs' | 'Editor' | 'Versions'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Stack views' })
      .getByRole('link', { name })
      .click()
  }

  /** Creates a managed stack from the New page with the starter file; its page opens. */
  async create(name: string): Promise<void> {
    await this.openNew(name)
    await this.createStack(name)
  }

  /** Opens the New page from the list and names the stack; its file is the starter. */
  async openNew(name: string): Promise<void> {
    await this.openList()
    await this.page.getByRole('link', { name: 'New stack' }).click()
    await this.composeEditor.waitFor()
    await this.page.getByRole('textbox', { name: 'Name' }).fill(name)
  }

  /** Create stack on the New page; the stack's page opens. */
  async createStack(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Create stack' }).click()
    await this.page.getByRole('heading', { level: 1, name }).waitFor()
  }

  get composeEditor() {
    return this.page.getByRole('textbox', { name: 'Compose file' })
  }

  get envEditor() {
    return this.page.getByRole('textbox', { name: 'Environment file' })
  }

  /** Replaces the whole text of an editor, as pasted over a selection of all of it. */
  async replaceText(editor: 'compose' | 'env', text: string): Promise<void> {
    await (editor === 'compose' ? this.composeEditor : this.envEditor).click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.insertText(text)
  }

  /** The lint mark the editor draws on the text of a line the server found wrong. */
  markOnLine(text: string) {
    return this.page.locator('.cm-line', { hasText: text }).locator('.cm-lintRange-error')
  }

  /** The list of the server's issues under the editors, while there are any. */
  get problems() {
    return this.page.getByRole('list', { name: 'Problems' })
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
