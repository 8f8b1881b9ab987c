import type { Page } from 'playwright-core'

/** A swarm's Nodes tab, one node's page and the Cluster tab, by what a person sees. */
export class SwarmNodePages {
  readonly page: Page
  readonly hostId: string

  constructor(page: Page, hostId: string) {
    this.page = page
    this.hostId = hostId
  }

  async openNodes(): Promise<void> {
    await this.page.goto(`/hosts/${this.hostId}/swarm/nodes`)
    await this.page.getByRole('table', { name: 'Nodes' }).waitFor()
  }

  /** From the Nodes tab, by the node's host name. */
  async openNode(hostname: string): Promise<void> {
    await this.openNodes()
    await this.page.getByRole('link', { name: hostname, exact: true }).click()
    await this.page.getByRole('heading', { level: 1, name: hostname }).waitFor()
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true })
  }

  dialog(title: string) {
    return this.page.getByRole('dialog', { name: title })
  }

  /** The node page's tasks table rows of one service. */
  taskRows(service: string) {
    return this.page.getByRole('row').filter({ hasText: service })
  }

  async openCluster(): Promise<void> {
    await this.page.goto(`/hosts/${this.hostId}/swarm/cluster`)
    await this.page.getByRole('region', { name: 'Join tokens' }).waitFor()
  }
}
