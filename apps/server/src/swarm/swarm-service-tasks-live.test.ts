import {
  type EventsServerMessage,
  LIVE_CLOSE,
  type ServiceTasksServerMessage,
  type ServiceTasksSnapshot,
} from '@harbormaster/contract'
import { type SwarmClusterInfo, docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { countingProxy } from '../../test/counting-proxy.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { type LiveClient, openLive } from '../../test/live-client.ts'
import { containersOn } from '../../test/swarm-services.ts'

// The leader m1 behind a proxy that counts the server's engine calls, as swarm-live.test.ts.
let cluster: SwarmClusterInfo
let proxy: ReturnType<typeof countingProxy> | undefined
// Reads on events only: the read counts below would otherwise meet the settled recheck, which
// swarm-service-tasks-recheck.test.ts tests on its own.
const h = startHarness({ env: { HARBORMASTER_SWARM_TASKS_RECHECK_SECONDS: '0' } })
const hostId = `tasks-live-${h.runId.slice(-6)}`
const swarm = `/api/hosts/${hostId}/swarm`
const services: string[] = []
const poll = { timeout: scaled(120_000), interval: 250 }
const leader = () => cluster.nodes.find((n) => n.name === 'm1')?.dockerHost ?? ''

beforeAll(async () => {
  cluster = await swarmCluster()
  proxy = countingProxy(cluster.nodes.find((n) => n.name === 'm1')?.socketPath ?? '')
  await proxy.listen()
  const admin = await h.as('admin')
  const added = await admin.post('/api/hosts', {
    id: hostId,
    name: 'tasks',
    address: proxy.dockerHost,
  })
  expect(added.status, await added.clone().text()).toBe(201)
})

afterAll(async () => {
  if (services.length > 0) await docker(leader(), ['service', 'rm', ...services])
  await proxy?.close()
})

/** The follower's task reads of one service (the list filtered by its id). */
const taskReadsOf = (serviceId: string) =>
  (proxy?.paths() ?? []).filter((p) => /^\/v[\d.]+\/tasks\?/.test(p) && p.includes(serviceId))

const snapshots = (live: LiveClient) =>
  (live.messages as ServiceTasksServerMessage[]).filter(
    (m): m is ServiceTasksSnapshot & { type: 'tasks' } => m.type === 'tasks',
  )
const latest = (live: LiveClient) => snapshots(live).at(-1)
const running = (snapshot: ServiceTasksSnapshot | undefined) =>
  (snapshot?.tasks ?? []).filter((t) => t.desiredState === 'running' && t.state === 'running')

async function createService(client: ApiClient, name: string, replicas: number, env: string[]) {
  services.push(name)
  const created = await client.post(`${swarm}/services`, {
    name,
    image: cluster.fixtureImage,
    command: ['sleep', '3600'],
    env,
    labels: h.labels,
    containerLabels: h.labels,
    mode: { replicated: replicas },
    updateConfig: { parallelism: 1, order: 'stop-first' },
    stopGracePeriodNs: 1_000_000_000,
  })
  expect(created.status, await created.clone().text()).toBe(201)
  return ((await created.json()) as { id: string }).id
}

/** Tasks of the service running, by the leader's own CLI (not through the server). */
async function runningByCli(name: string): Promise<number> {
  const { stdout } = await docker(leader(), [
    ...['service', 'ps', name, '--filter', 'desired-state=running'],
    ...['--format', '{{.CurrentState}}'],
  ])
  return stdout.split('\n').filter((l) => l.startsWith('Running')).length
}

describe('a service’s tasks pushed to the browsers watching it', () => {
  it('shows a rolling update replacing every task, then the update completed', async () => {
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const name = h.uniqueName('tasklive')
    await createService(operator, name, 2, ['WAVE=1'])
    const live = await openLive(viewer, `${swarm}/services/${name}/tasks/live`)
    await live.waitFor((l) => running(latest(l)).length === 2, scaled(120_000))
    const before = running(latest(live))

    const updated = await operator.patch(`${swarm}/services/${name}`, { env: ['WAVE=2'] })
    expect(updated.status, await updated.clone().text()).toBe(200)
    const oldIds = new Set(before.map((t) => t.id))
    await live.waitFor((l) => {
      const now = latest(l)
      return (
        now?.updateStatus?.state === 'completed' &&
        now.settled &&
        running(now).length === 2 &&
        running(now).every((t) => !oldIds.has(t.id))
      )
    }, scaled(120_000))

    const seen = snapshots(live)
    // The update was seen as it went, not only its end.
    expect(seen.some((s) => s.updateStatus?.state === 'updating')).toBe(true)
    const end = latest(live)
    for (const old of before) {
      expect(end?.tasks.find((t) => t.id === old.id)).toMatchObject({
        desiredState: 'shutdown',
        state: 'shutdown',
      })
    }
    // Each new task runs on the node it names: its container is there.
    for (const task of running(end)) {
      const node = cluster.nodes.find((n) => n.nodeId === task.nodeId)
      expect(node, `node of ${task.id}`).toBeDefined()
      if (node) expect(await containersOn(node, name)).toContain(task.containerId)
    }
    live.ws.close()
    await live.closed
  })

  it('reads nothing while nobody watches, shares one follower, and stops with the last', async () => {
    const admin = await h.as('admin')
    const viewer = await h.as('viewer')
    const events = await openLive(admin, `/api/hosts/${hostId}/events`)
    const serviceEvents = () =>
      (events.messages as EventsServerMessage[]).filter(
        (m) => m.type === 'event' && m.event.type === 'service',
      ).length
    const name = h.uniqueName('tasknone')
    const id = await createService(admin, name, 1, ['WAVE=1'])
    await expect.poll(() => runningByCli(name), poll).toBe(1)

    // Changed with the CLI while nobody watches: the server sees the events, reads nothing.
    let seenEvents = serviceEvents()
    await docker(leader(), ['service', 'scale', '--detach', `${name}=2`])
    await expect.poll(() => runningByCli(name), poll).toBe(2)
    await events.waitFor(() => serviceEvents() > seenEvents, scaled(30_000))
    expect(taskReadsOf(id)).toEqual([])

    const first = await openLive(viewer, `${swarm}/services/${name}/tasks/live`)
    await first.waitFor((l) => latest(l)?.settled === true && running(latest(l)).length === 2)
    const reads = taskReadsOf(id).length
    expect(reads).toBeGreaterThan(0)
    // A second watcher of a settled service gets the follower's snapshot, at no engine read.
    const second = await openLive(viewer, `${swarm}/services/${id}/tasks/live`)
    await second.waitFor((l) => latest(l)?.settled === true)
    expect(latest(second)?.tasks).toEqual(latest(first)?.tasks)
    expect(taskReadsOf(id)).toHaveLength(reads)

    first.ws.close()
    await first.closed
    // One watcher left: a change still reaches it.
    await docker(leader(), ['service', 'scale', '--detach', `${name}=1`])
    await second.waitFor((l) => latest(l)?.settled === true && running(latest(l)).length === 1)
    second.ws.close()
    await second.closed

    // The last one left: the follower is gone, a change costs no read.
    const afterClose = taskReadsOf(id).length
    seenEvents = serviceEvents()
    await docker(leader(), ['service', 'scale', '--detach', `${name}=2`])
    await expect.poll(() => runningByCli(name), poll).toBe(2)
    await events.waitFor(() => serviceEvents() > seenEvents, scaled(30_000))
    expect(taskReadsOf(id)).toHaveLength(afterClose)
    events.ws.close()
  })

  it('ends the watchers’ sockets with not_found when the service is removed', async () => {
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const name = h.uniqueName('taskgone')
    await createService(operator, name, 1, ['WAVE=1'])
    const live = await openLive(viewer, `${swarm}/services/${name}/tasks/live`)
    await live.waitFor((l) => latest(l) !== undefined)

    const removed = await operator.delete(`${swarm}/services/${name}`)
    expect(removed.status, await removed.clone().text()).toBe(204)
    services.splice(services.indexOf(name), 1)
    expect((await live.closed).code).toBe(LIVE_CLOSE.gone)
    expect(live.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'not_found' } })
  })

  it('answers 404 before the handshake for a service that does not exist', async () => {
    const viewer = await h.as('viewer')
    await expectApiError(await viewer.get(`${swarm}/services/hm-none/tasks/live`), 404, 'not_found')
  })
})
