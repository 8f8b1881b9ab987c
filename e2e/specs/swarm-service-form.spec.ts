import { TEST_LABEL, docker, newRunId, swarmCluster, uniqueName } from '@harbormaster/testkit'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { SwarmServiceForm } from '../pages/swarm-service-form.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('creating a swarm service through the form (the three-engine swarm)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-swarm-form-${newRunId()}`
  const hostId = `swarm-form-${runId.slice(-6)}`
  const service = uniqueName('e2e-form')
  const secret = uniqueName('e2e-secret')
  let leaderHost = ''

  beforeAll(async () => {
    const cluster = await swarmCluster()
    leaderHost = cluster.nodes.find((n) => n.name === 'm1')?.dockerHost ?? ''
  }, 240_000)
  // What the form created: the service, then the secret it used (the engine refuses that first).
  afterAll(async () => {
    if (leaderHost === '') return
    await docker(leaderHost, ['service', 'rm', service]).catch(() => undefined)
    const removeSecret = () => docker(leaderHost, ['secret', 'rm', secret])
    const deadline = Date.now() + 60_000
    while (
      await removeSecret().then(
        () => false,
        () => Date.now() < deadline,
      )
    )
      await new Promise((resolve) => setTimeout(resolve, 500))
  })

  const api = (page: Page, method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ({ method: m, path: p, body: b }) => {
        const res = await fetch(p, {
          method: m,
          headers: { 'Content-Type': 'application/json' },
          ...(b === undefined ? {} : { body: JSON.stringify(b) }),
        })
        return res.status
      },
      { method, path, body },
    )

  it('creates a secret, then a placed service with it attached, as previewed', async () => {
    const cluster = await swarmCluster()
    const worker = cluster.nodes.find((n) => n.name === 'w1')
    if (!worker) throw new Error('the test swarm has no worker w1')
    const page = await newPage({ width: 1400, height: 1300 })
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    expect(
      await api(page, 'POST', '/api/hosts', { id: hostId, name: 'Swarm', address: leaderHost }),
    ).toBe(201)
    try {
      const form = new SwarmServiceForm(page)
      await form.createSecret(hostId, secret, 'e2e secret value')

      await form.open(hostId)
      const constraint = `node.labels.${cluster.nodeLabel}==w1`
      await form.field('Image').fill(cluster.fixtureImage)
      await form.field('Name').fill(service)
      await form.field('Arguments').fill('sleep 600')
      await form.field('Replicas').fill('2')
      await form.field('Service labels').fill(`${TEST_LABEL}=${runId}`)
      await form.field('Constraints').fill(constraint)
      await form.attachSecret(secret)
      await form
        .preview()
        .filter({ hasText: `--constraint ${constraint}` })
        .waitFor()
      expect(await form.preview().textContent()).toContain(`--secret source=${secret}`)
      await screenshot(page, 'swarm-service-form')

      await page.getByRole('button', { name: 'Create service' }).click()
      await page.waitForURL(/\/swarm\/services\/[a-z0-9]+$/)

      // Both replicas run on w1, where the constraint puts them (w1's own engine says so), and
      // each sees the secret as a file.
      const onWorker = async () =>
        (
          await docker(worker.dockerHost, [
            ...['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`],
          ])
        ).stdout
          .split('\n')
          .filter(Boolean)
      const deadline = Date.now() + 90_000
      while ((await onWorker()).length !== 2) {
        if (Date.now() > deadline) throw new Error(`tasks on w1: ${(await onWorker()).length}`)
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      const [container] = await onWorker()
      const read = await docker(worker.dockerHost, [
        ...['exec', container ?? '', 'cat', `/run/secrets/${secret}`],
      ])
      expect(read.stdout).toBe('e2e secret value')
    } finally {
      expect(await api(page, 'DELETE', `/api/hosts/${hostId}`)).toBe(204)
    }
  })
})
