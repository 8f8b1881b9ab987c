import { Engine } from '@harbormaster/engine'
import { docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import {
  type SwarmHost,
  containersOn,
  registerSwarmHost,
  runningTasks,
} from '../../test/swarm-services.ts'

const h = startHarness()
let sh: SwarmHost

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'svc')
}, scaled(180_000))

afterAll(async () => {
  await sh?.cleanup()
})

const poll = { timeout: scaled(90_000), interval: 500 }

interface Details {
  version: number
  settings: { env?: string[]; image: string; mode?: unknown }
  previousSettings?: { env?: string[] }
}

describe('swarm services on a three-engine swarm', () => {
  it('creates, updates, scales, rolls back, redeploys and removes a placed service', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('placed')
    const label = sh.cluster.nodeLabel
    const created = await operator.post(`${sh.swarm}/services`, {
      name,
      image: sh.cluster.fixtureImage,
      command: ['sleep', '3600'],
      env: ['STEP=1'],
      labels: h.labels,
      containerLabels: h.labels,
      mode: { replicated: 4 },
      placement: { constraints: [`node.labels.${label}!=m1`] },
      updateConfig: { parallelism: 0, monitorNs: 100_000_000 },
      stopGracePeriodNs: 1_000_000_000,
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const byNode = async () =>
      Object.fromEntries(
        await Promise.all(
          sh.cluster.nodes.map(async (n) => [n.name, (await containersOn(n, name)).length]),
        ),
      ) as Record<string, number>
    // Four tasks, none on m1: the constraint keeps them on m2 and w1 (each node's own `docker ps`).
    await expect
      .poll(async () => {
        const counts = await byNode()
        return { m1: counts.m1, total: (counts.m2 ?? 0) + (counts.w1 ?? 0) }
      }, poll)
      .toEqual({ m1: 0, total: 4 })

    const containerIds = async () =>
      (await runningTasks(operator, sh.swarm, name)).map((t) => t.containerId ?? '').sort()
    const first = await containerIds()
    const details = async () =>
      (await (await operator.get(`${sh.swarm}/services/${name}`)).json()) as Details

    const updated = await operator.patch(`${sh.swarm}/services/${name}`, { env: ['STEP=2'] })
    expect(updated.status, await updated.clone().text()).toBe(200)
    await expect
      .poll(async () => {
        const now = await containerIds()
        return now.length === 4 && now.every((id) => !first.includes(id))
      }, poll)
      .toBe(true)
    expect((await details()).settings.env).toEqual(['STEP=2'])

    const scaledDown = await operator.post(`${sh.swarm}/services/${name}/scale`, { replicas: 2 })
    expect(scaledDown.status, await scaledDown.clone().text()).toBe(200)
    await expect
      .poll(async () => {
        const counts = await byNode()
        return (counts.m1 ?? 0) + (counts.m2 ?? 0) + (counts.w1 ?? 0)
      }, poll)
      .toBe(2)

    // The scale was the last update: its previous spec has 4 replicas and STEP=2. Update the
    // env again, then roll back to STEP=2.
    await operator.patch(`${sh.swarm}/services/${name}`, { env: ['STEP=3'] })
    const rolled = await operator.post(`${sh.swarm}/services/${name}/rollback`)
    expect(rolled.status, await rolled.clone().text()).toBe(200)
    await expect.poll(async () => (await details()).settings.env, poll).toEqual(['STEP=2'])

    await expect.poll(async () => (await containerIds()).length, poll).toBe(2)
    const settled = await containerIds()
    const redeployed = await operator.post(`${sh.swarm}/services/${name}/redeploy`)
    expect(redeployed.status, await redeployed.clone().text()).toBe(200)
    await expect
      .poll(async () => {
        const now = await containerIds()
        return now.length === 2 && now.every((id) => !settled.includes(id))
      }, poll)
      .toBe(true)

    const removed = await operator.delete(`${sh.swarm}/services/${name}`)
    expect(removed.status).toBe(204)
    await expect.poll(byNode, poll).toEqual({ m1: 0, m2: 0, w1: 0 })
    expect((await operator.get(`${sh.swarm}/services/${name}`)).status).toBe(404)
  })

  it('sends an update again, judged anew, when the service changed between read and write', async () => {
    const engine = new Engine({ host: sh.leader.dockerHost })
    const name = h.uniqueName('race')
    const { id } = await engine.services.create({
      name,
      image: sh.cluster.fixtureImage,
      command: ['sleep', '3600'],
      labels: h.labels,
      mode: { replicated: 0 },
    })
    const seen: number[] = []
    await engine.services.update(id, async (current) => {
      seen.push(current.version)
      // Someone else changes the service after our read, once: our version is then stale.
      if (seen.length === 1)
        await docker(sh.leader.dockerHost, [
          'service',
          'update',
          '--detach',
          '--env-add',
          'X=cli',
          id,
        ])
      return { ...current.spec.settings, env: [...(current.spec.settings.env ?? []), 'Y=ours'] }
    })
    expect(seen).toHaveLength(2)
    expect(seen[1]).toBeGreaterThan(seen[0] ?? 0)
    expect((await engine.services.inspect(id)).spec.settings.env).toEqual(['X=cli', 'Y=ours'])
  })
})
