import {
  type PrivateEngine,
  TEST_LABEL,
  docker,
  ensureFixtureImages,
  newRunId,
  startPrivateEngine,
  uniqueName,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('a swarm manager in the browser: services, tasks and nodes (a private engine)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-swarm-${newRunId()}`
  const hostId = `swarm-${runId.slice(-6)}`
  const service = uniqueName('e2e-svc')
  let engine: PrivateEngine | undefined

  beforeAll(async () => {
    engine = await startPrivateEngine({ name: 'e2e-swarm' })
    await ensureFixtureImages(engine.dockerHost)
    await docker(engine.dockerHost, ['swarm', 'init', '--advertise-addr', '127.0.0.1'])
    await docker(engine.dockerHost, [
      ...['service', 'create', '--detach', '--name', service],
      ...['--label', `${TEST_LABEL}=${runId}`, '--replicas', '2'],
      stack.fixtureImage,
      ...['sleep', '600'],
    ])
    // The scheduler's pace is not the dashboard's: wait until the CLI sees both replicas run.
    const deadline = Date.now() + 120_000
    const replicas = async () =>
      (
        await docker(engine?.dockerHost ?? '', [
          'service',
          'ls',
          '--filter',
          `name=${service}`,
          '--format',
          '{{.Replicas}}',
        ])
      ).stdout.trim()
    while ((await replicas()) !== '2/2') {
      if (Date.now() > deadline) throw new Error(`replicas never ran: ${await replicas()}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }, 240_000)
  // The whole engine goes (its swarm, service and tasks with it); the host is removed from the
  // dashboard by the test that added it.
  afterAll(async () => {
    await engine?.stop()
  })

  const api = (
    page: Awaited<ReturnType<typeof newPage>>,
    method: string,
    path: string,
    body?: unknown,
  ) =>
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

  it('shows the services with their replicas, the tasks on their node, and the nodes', async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    const address = engine?.dockerHost ?? ''
    expect(await api(page, 'POST', '/api/hosts', { id: hostId, name: 'Swarm', address })).toBe(201)
    try {
      await page.goto(`/hosts/${hostId}/swarm/services`)
      const row = page.getByRole('row').filter({ hasText: service })
      await row.waitFor()
      // Both replicas run: the engine's own count, as `docker service ls` shows it.
      await row
        .filter({ hasText: '2/2' })
        .waitFor({ timeout: 30_000 })
        .catch(async (error: unknown) => {
          const tasks = await docker(engine?.dockerHost ?? '', [
            'service',
            'ps',
            '--no-trunc',
            service,
          ])
          throw new Error(`row: ${await row.textContent()}\n${tasks.stdout}`, { cause: error })
        })
      expect(await row.textContent()).toContain('replicated')
      await screenshot(page, 'swarm-services')

      await page.getByRole('link', { name: 'Tasks' }).click()
      const tasks = page.getByRole('row').filter({ hasText: service })
      await tasks.first().waitFor()
      expect(await tasks.filter({ hasText: 'running' }).count()).toBe(2)

      await page.getByRole('link', { name: 'Nodes' }).click()
      const node = page.getByRole('row').filter({ hasText: 'manager' })
      await node.waitFor()
      expect(await node.textContent()).toMatch(/ready/i)
    } finally {
      expect(await api(page, 'DELETE', `/api/hosts/${hostId}`)).toBe(204)
    }
  })
})
