import type { ServiceLogLiveLine, ServiceLogsServerMessage } from '@harbormaster/contract'
import { type SwarmClusterInfo, docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countingProxy } from '../../test/counting-proxy.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { type LiveClient, openLive } from '../../test/live-client.ts'

// The swarm's leader m1, reached through a proxy that shows which engine calls the server makes.
let cluster: SwarmClusterInfo
let proxy: ReturnType<typeof countingProxy> | undefined
const h = startHarness()
const hostId = `swarm-logs-${h.runId.slice(-6)}`
const swarm = `/api/hosts/${hostId}/swarm`
const services: string[] = []
const leader = () => cluster.nodes.find((n) => n.name === 'm1')?.dockerHost ?? ''
const labelArgs = (flag: string) =>
  Object.entries(h.labels).flatMap(([k, v]) => [flag, `${k}=${v}`])

beforeAll(async () => {
  cluster = await swarmCluster()
  const m1 = cluster.nodes.find((n) => n.name === 'm1')
  proxy = countingProxy(m1?.socketPath ?? '')
  await proxy.listen()
  const admin = await h.as('admin')
  const added = await admin.post('/api/hosts', {
    id: hostId,
    name: 'swarm logs',
    address: proxy.dockerHost,
  })
  expect(added.status, await added.clone().text()).toBe(201)
})

afterAll(async () => {
  if (services.length > 0) await docker(leader(), ['service', 'rm', ...services])
  await proxy?.close()
})

const lines = (live: LiveClient): ServiceLogLiveLine[] =>
  (live.messages as ServiceLogsServerMessage[]).flatMap((m) => (m.type === 'lines' ? m.lines : []))

describe('a service’s logs over a WebSocket, merged across its tasks', () => {
  it('delivers the lines of both tasks with their slot and node, and closing ends the engine stream', async () => {
    const viewer = await h.as('viewer')
    const name = h.uniqueName('logsvc')
    services.push(name)
    await docker(leader(), [
      ...['service', 'create', '--detach', '--name', name, '--stop-signal', 'KILL'],
      ...labelArgs('--label'),
      ...labelArgs('--container-label'),
      ...['--replicas', '2', '--env', 'SLOT={{.Task.Slot}}'],
      ...['--constraint', `node.labels.${cluster.nodeLabel}!=m1`],
      ...['--placement-pref', `spread=node.labels.${cluster.nodeLabel}`],
      ...[
        cluster.fixtureImage,
        'sh',
        '-c',
        'echo "slot-$SLOT says hi"; echo "slot-$SLOT err" >&2; sleep 600',
      ],
    ])
    const id = (await docker(leader(), ['service', 'inspect', '-f', '{{.ID}}', name])).stdout.trim()

    const live = await openLive(viewer, `${swarm}/services/${name}/logs/live?tail=all`)
    await live.waitFor(
      (l) =>
        ['slot-1 says hi', 'slot-2 says hi', 'slot-1 err'].every((t) =>
          lines(l).some((x) => x.text === t),
        ),
      scaled(60_000),
    )
    const said = lines(live).filter((l) => l.text.endsWith('says hi'))
    expect(said).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stream: 'stdout',
          text: 'slot-1 says hi',
          slot: 1,
          task: expect.any(String),
        }),
        expect.objectContaining({ stream: 'stdout', text: 'slot-2 says hi', slot: 2 }),
      ]),
    )
    // Each line names the node its task runs on, m2 or w1 (the constraint keeps them off m1).
    for (const line of said) expect(['hmc-m2', 'hmc-w1']).toContain(line.hostname)
    // Every task the service had, where it ran (a drain elsewhere in the run may have moved one).
    const ps = ['service', 'ps', '--no-trunc', '--format', '{{.ID}} {{.Node}}', name]
    const onNodes = (await docker(leader(), ps)).stdout
    for (const line of said) {
      expect(onNodes).toContain(`${line.task} ${line.hostname ?? ''}`)
    }
    expect(lines(live).find((l) => l.text === 'slot-1 err')).toMatchObject({ stream: 'stderr' })

    const streams = () => proxy?.connectionsTo(`/services/${id}/logs`) ?? []
    expect(streams()).toMatchObject([{ open: true }])
    live.ws.close()
    await expect.poll(() => streams(), { timeout: scaled(5000) }).toMatchObject([{ open: false }])
  })

  it('refuses before the upgrade: an unknown service (404), a log without a stream (400)', async () => {
    const viewer = await h.as('viewer')
    await expectApiError(await viewer.get(`${swarm}/services/hm-none/logs/live`), 404, 'not_found')
    await expectApiError(
      await viewer.get(`${swarm}/services/hm-none/logs/live?stdout=false&stderr=false`),
      400,
      'invalid_request',
    )
  })
})
