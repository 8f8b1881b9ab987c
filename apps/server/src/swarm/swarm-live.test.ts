import type { EventsServerMessage, SwarmNode, SwarmService } from '@harbormaster/contract'
import { type SwarmClusterInfo, docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countingProxy } from '../../test/counting-proxy.ts'
import { startHarness } from '../../test/harness.ts'
import { openLive } from '../../test/live-client.ts'

// The swarm's leader m1 behind a proxy that counts the server's engine calls; the changes are
// made with the docker CLI straight on m1, so only the engine's events can tell the server.
let cluster: SwarmClusterInfo
let proxy: ReturnType<typeof countingProxy> | undefined
const h = startHarness()
const hostId = `swarm-live-${h.runId.slice(-6)}`
const swarm = `/api/hosts/${hostId}/swarm`
const services: string[] = []
const poll = { timeout: scaled(30_000), interval: 100 }
const leader = () => cluster.nodes.find((n) => n.name === 'm1')?.dockerHost ?? ''

beforeAll(async () => {
  cluster = await swarmCluster()
  proxy = countingProxy(cluster.nodes.find((n) => n.name === 'm1')?.socketPath ?? '')
  await proxy.listen()
  const admin = await h.as('admin')
  const added = await admin.post('/api/hosts', {
    id: hostId,
    name: 'live',
    address: proxy.dockerHost,
  })
  expect(added.status, await added.clone().text()).toBe(201)
})

afterAll(async () => {
  if (services.length > 0) await docker(leader(), ['service', 'rm', ...services])
  await proxy?.close()
})

/** The engine's node list calls so far (not `/nodes/{id}`). */
const nodeListCalls = () => (proxy?.paths() ?? []).filter((p) => /^\/v[\d.]+\/nodes(\?|$)/.test(p))

describe('swarm state kept from the engine’s events', () => {
  it('serves the node list from what it read until a node event says it changed', async () => {
    const viewer = await h.as('viewer')
    const m2 = cluster.nodes.find((n) => n.name === 'm2')?.nodeId ?? ''
    const key = `harbormaster.test-live-${h.runId}`
    const labelsOfM2 = async () => {
      const nodes = (await (await viewer.get(`${swarm}/nodes`)).json()) as SwarmNode[]
      return nodes.find((n) => n.id === m2)?.labels ?? {}
    }
    // The host's event subscription is running before the change is made.
    await expect.poll(() => proxy?.connectionsTo('/events').length, poll).toBe(1)

    expect(await labelsOfM2()).not.toHaveProperty(key)
    expect(await labelsOfM2()).not.toHaveProperty(key)
    expect(nodeListCalls()).toHaveLength(1)
    try {
      await docker(leader(), ['node', 'update', '--label-add', `${key}=x`, m2])
      await expect.poll(labelsOfM2, poll).toHaveProperty(key, 'x')
      // One read before the change, one after its event: asking in between cost nothing.
      expect(nodeListCalls()).toHaveLength(2)
    } finally {
      await docker(leader(), ['node', 'update', '--label-rm', key, m2])
    }
    await expect.poll(labelsOfM2, poll).not.toHaveProperty(key)
  })

  it('tells browsers of a service created with the CLI, and lists it', async () => {
    const admin = await h.as('admin')
    const events = await openLive(admin, `/api/hosts/${hostId}/events`)
    const name = h.uniqueName('livesvc')
    services.push(name)
    const labels = Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    await docker(leader(), [
      ...['service', 'create', '--detach', '--name', name, ...labels, '--replicas', '0'],
      ...[cluster.fixtureImage, 'sleep', '600'],
    ])

    await events.waitFor(
      (l) =>
        (l.messages as EventsServerMessage[]).some(
          (m) =>
            m.type === 'event' &&
            m.event.type === 'service' &&
            m.event.action === 'create' &&
            m.event.attributes.name === name,
        ),
      scaled(30_000),
    )
    const listed = (await (await admin.get(`${swarm}/services`)).json()) as SwarmService[]
    expect(listed.map((s) => s.name)).toContain(name)
    events.ws.close()
  })
})
