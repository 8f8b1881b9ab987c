import {
  type SwarmClusterInfo,
  TEST_LABEL,
  docker,
  newRunId,
  swarmCluster,
  uniqueName,
} from '@harbormaster/testkit'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { SwarmServicePage } from '../pages/swarm-service.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('a service’s page during a rolling update (the three-engine swarm)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-svclive-${newRunId()}`
  const hostId = `svclive-${runId.slice(-6)}`
  const service = uniqueName('e2e-live')
  let cluster: SwarmClusterInfo | undefined
  const leader = () => cluster?.nodes.find((n) => n.name === 'm1')?.dockerHost ?? ''

  beforeAll(async () => {
    cluster = await swarmCluster()
  }, 240_000)
  afterAll(async () => {
    await docker(leader(), ['service', 'rm', service]).catch(() => undefined)
  })

  /** A call to the API as the signed-in page makes it; its status and body. */
  const api = (page: Page, method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ({ method: m, path: p, body: b }) => {
        const res = await fetch(p, {
          method: m,
          headers: { 'Content-Type': 'application/json' },
          ...(b === undefined ? {} : { body: JSON.stringify(b) }),
        })
        return { status: res.status, text: await res.text() }
      },
      { method, path, body },
    )

  it('scales in the browser, then shows an update replacing every task as it goes', async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    expect(
      (await api(page, 'POST', '/api/hosts', { id: hostId, name: 'Swarm', address: leader() }))
        .status,
    ).toBe(201)
    try {
      const created = await api(page, 'POST', `/api/hosts/${hostId}/swarm/services`, {
        name: service,
        image: cluster?.fixtureImage,
        command: ['sleep', '3600'],
        env: ['WAVE=1'],
        labels: { [TEST_LABEL]: runId },
        mode: { replicated: 2 },
        placement: { constraints: [`node.labels.${cluster?.nodeLabel}!=m1`] },
        updateConfig: { parallelism: 1, order: 'stop-first' },
        stopGracePeriodNs: 1_000_000_000,
      })
      expect(created.status, created.text).toBe(201)

      const detail = new SwarmServicePage(page, hostId)
      await detail.open(service)
      await detail.replicas().filter({ hasText: '2/2' }).waitFor({ timeout: 60_000 })

      await detail.scale(3)
      await detail.replicas().filter({ hasText: '3/3' }).waitFor({ timeout: 60_000 })
      expect(await detail.tasks('running', 'running').count()).toBe(3)

      // Seen live, as it runs: the server pushes the tasks twice a second while it moves.
      const updating = detail.update('updating').waitFor({ timeout: 60_000 })
      const changed = await api(page, 'PATCH', `/api/hosts/${hostId}/swarm/services/${service}`, {
        env: ['WAVE=2'],
        updateConfig: { parallelism: 1, order: 'stop-first' },
      })
      expect(changed.status, changed.text).toBe(200)
      await updating
      await detail.update('completed').waitFor({ timeout: 120_000 })
      // Every task replaced: three new ones run, the three they replaced are shut down.
      await expect.poll(() => detail.tasks('running', 'running').count()).toBe(3)
      expect(await detail.tasks('shutdown', 'shutdown').count()).toBe(3)
      await screenshot(page, 'swarm-service-update')
    } finally {
      await docker(leader(), ['service', 'rm', service]).catch(() => undefined)
      expect((await api(page, 'DELETE', `/api/hosts/${hostId}`)).status).toBe(204)
    }
  })
})
