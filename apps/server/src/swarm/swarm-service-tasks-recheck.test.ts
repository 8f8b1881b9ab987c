import type { ServiceTasksServerMessage, ServiceTasksSnapshot } from '@harbormaster/contract'
import { docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import { openLive } from '../../test/live-client.ts'
import { type SwarmHost, containersOn, registerSwarmHost } from '../../test/swarm-services.ts'

// A settled service is read again every second here (10 s by default).
const h = startHarness({ env: { HARBORMASTER_SWARM_TASKS_RECHECK_SECONDS: '1' } })
let sh: SwarmHost

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'recheck')
}, scaled(180_000))

afterAll(async () => {
  await sh?.cleanup()
})

const poll = { timeout: scaled(90_000), interval: 250 }
const worker = () => {
  const found = sh.cluster.nodes.find((n) => n.name === 'w1')
  if (!found) throw new Error('no w1')
  return found
}

describe('a watched, settled service', () => {
  it('shows a task that failed on a worker, which sends the manager no event', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('recheck')
    const created = await operator.post(`${sh.swarm}/services`, {
      name,
      image: sh.cluster.fixtureImage,
      command: ['sleep', '3600'],
      labels: h.labels,
      containerLabels: h.labels,
      mode: { replicated: 1 },
      placement: { constraints: [`node.labels.${sh.cluster.nodeLabel}==w1`] },
      restartPolicy: { condition: 'none' },
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const live = await openLive(operator, `${sh.swarm}/services/${name}/tasks/live`)
    const latest = () =>
      (live.messages as ServiceTasksServerMessage[])
        .filter((m): m is ServiceTasksSnapshot & { type: 'tasks' } => m.type === 'tasks')
        .at(-1)
    await live.waitFor(
      () =>
        latest()?.settled === true && latest()?.tasks.some((t) => t.state === 'running') === true,
    )

    // Killed on w1's own engine: the manager's event stream never hears of it.
    await expect.poll(async () => (await containersOn(worker(), name)).length, poll).toBe(1)
    const [container] = await containersOn(worker(), name)
    await docker(worker().dockerHost, ['kill', container ?? ''])

    await live.waitFor(
      () => latest()?.tasks.some((t) => t.state === 'failed' || t.state === 'complete') === true,
      scaled(60_000),
    )
    live.ws.close()
    await live.closed
  })
})
