import {
  type SwarmClusterInfo,
  TEST_LABEL,
  docker,
  newRunId,
  swarmCluster,
  uniqueName,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { SwarmNodePages } from '../pages/swarm-nodes.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

// The run's three-engine swarm (m1 leader, m2 manager, w1 worker), shared with other specs: the
// drained worker is set active again in `finally` and in afterAll, and the service is removed.
describe('draining a swarm node in the browser (the run’s three-engine swarm)', () => {
  const { stack, newPage } = useBrowser()
  const runId = `e2e-swarm-nodes-${newRunId()}`
  const hostId = `swarm-nodes-${runId.slice(-6)}`
  const service = uniqueName('e2e-drain')
  let cluster: SwarmClusterInfo

  const nodeOf = (name: string) => {
    const found = cluster.nodes.find((n) => n.name === name)
    if (found === undefined) throw new Error(`no node ${name}`)
    return found
  }
  const leader = () => nodeOf('m1').dockerHost
  const setActive = () =>
    docker(leader(), ['node', 'update', '--availability', 'active', nodeOf('w1').nodeId])

  /** The service's running containers on one node, as that node's own engine lists them. */
  const runningOn = async (name: string) =>
    (
      await docker(nodeOf(name).dockerHost, [
        ...['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`],
      ])
    ).stdout
      .split('\n')
      .filter(Boolean).length

  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 120_000
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }

  beforeAll(async () => {
    cluster = await swarmCluster()
    await docker(leader(), [
      ...['service', 'create', '--detach', '--name', service, '--stop-signal', 'KILL'],
      ...['--label', `${TEST_LABEL}=${runId}`, '--container-label', `${TEST_LABEL}=${runId}`],
      ...['--replicas', '2', '--constraint', `node.labels.${cluster.nodeLabel}!=m1`],
      ...[cluster.fixtureImage, 'sleep', '600'],
    ])
    // Swarm spreads the two replicas over the two nodes it may use: one runs on w1.
    await until('w1 and m2 run one task each', async () => {
      return (await runningOn('w1')) === 1 && (await runningOn('m2')) === 1
    })
  }, 240_000)

  afterAll(async () => {
    await setActive()
    await docker(leader(), ['service', 'rm', service])
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

  it('drains w1 after its preview, its task moves to m2, it comes back, and the join tokens are revealed', async () => {
    const page = await newPage()
    await new Dashboard(page).signIn('admin', stack.adminPassword)
    expect(
      await api(page, 'POST', '/api/hosts', { id: hostId, name: 'Swarm m1', address: leader() }),
    ).toBe(201)
    const swarm = new SwarmNodePages(page, hostId)
    try {
      await swarm.openNode('hmc-w1')
      await swarm.taskRows(service).filter({ hasText: 'running' }).first().waitFor()

      await swarm.button('Drain…').click()
      const dialog = swarm.dialog('Drain hmc-w1?')
      const moves = dialog.getByRole('region', { name: 'Tasks that move' })
      await moves.filter({ hasText: service }).waitFor()
      expect(await moves.textContent()).toContain('This task moves to other nodes')
      await screenshot(page, 'swarm-node-drain')

      await dialog.getByRole('button', { name: 'Drain hmc-w1' }).click()
      await swarm.button('Set active').waitFor()
      // The page follows the drain: its task is told to stop, and the note goes once none is left.
      await swarm
        .taskRows(service)
        .filter({ hasText: 'shutdown' })
        .first()
        .waitFor({ timeout: 60_000 })
      await page
        .getByText('Draining: swarm is moving')
        .waitFor({ state: 'detached', timeout: 60_000 })
      await until('the task runs on m2 and none on w1', async () => {
        return (await runningOn('w1')) === 0 && (await runningOn('m2')) === 2
      })
      const availability = await docker(leader(), [
        ...['node', 'inspect', '-f', '{{.Spec.Availability}}', nodeOf('w1').nodeId],
      ])
      expect(availability.stdout.trim()).toBe('drain')

      await swarm.button('Set active').click()
      await swarm.button('Drain…').waitFor()
      const back = await docker(leader(), [
        ...['node', 'inspect', '-f', '{{.Spec.Availability}}', nodeOf('w1').nodeId],
      ])
      expect(back.stdout.trim()).toBe('active')

      await swarm.openNodes()
      await page
        .getByRole('row')
        .filter({ hasText: 'hmc-w1' })
        .filter({ hasText: 'active' })
        .waitFor()
      await screenshot(page, 'swarm-nodes')

      await swarm.openCluster()
      expect(await page.getByText(/SWMTKN-/).count()).toBe(0)
      await swarm.button('Reveal').click()
      const join = page.getByText(/^docker swarm join --token SWMTKN-\S+ \S+:2377$/)
      await join.first().waitFor()
      expect(await join.count()).toBe(2)
    } finally {
      await setActive()
      expect(await api(page, 'DELETE', `/api/hosts/${hostId}`)).toBe(204)
    }
  })
})
