import type { DrainEffect, JoinTokens, NodeUpdated, SwarmNodeDetails } from '@harbormaster/contract'
import { randomBytes } from 'node:crypto'
import {
  type PrivateEngine,
  type SwarmClusterInfo,
  type SwarmNodeInfo,
  docker,
  plugIn,
  scaled,
  startPrivateEngine,
  swarmCluster,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

// The run's three-engine swarm, its leader m1 registered as a host. Node changes here touch the
// cluster other files share: each is undone in `finally`, and no node of it is ever removed.
const h = startHarness()
const hostId = `swarm-m1-${h.runId.slice(-6)}`
const swarm = `/api/hosts/${hostId}/swarm`
const poll = { timeout: scaled(60_000), interval: 250 }
let cluster: SwarmClusterInfo
const services: string[] = []

const node = (name: string): SwarmNodeInfo => {
  const found = cluster.nodes.find((n) => n.name === name)
  if (found === undefined) throw new Error(`no node ${name}`)
  return found
}
const leader = () => node('m1').dockerHost
const inspectField = async (nodeId: string, format: string) =>
  (await docker(leader(), ['node', 'inspect', '-f', format, nodeId])).stdout.trim()
const labelArgs = (flag: string) =>
  Object.entries(h.labels).flatMap(([k, v]) => [flag, `${k}=${v}`])

/** A service of this file with `replicas` tasks, on the nodes carrying `w1` or `m2`'s name. */
async function createService(replicas: number): Promise<string> {
  const name = h.uniqueName('svc')
  services.push(name)
  await docker(leader(), [
    ...['service', 'create', '--detach', '--name', name, '--stop-signal', 'KILL'],
    ...labelArgs('--label'),
    ...labelArgs('--container-label'),
    ...['--replicas', String(replicas)],
    ...['--constraint', `node.labels.${cluster.nodeLabel}!=m1`],
    ...[cluster.fixtureImage, 'sleep', '600'],
  ])
  return name
}

/** Running containers of a service per node, as each node's own engine lists them. */
async function countsOf(service: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const { name, dockerHost } of cluster.nodes) {
    const ps = ['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`]
    counts[name] = (await docker(dockerHost, ps)).stdout.split('\n').filter(Boolean).length
  }
  return counts
}

beforeAll(async () => {
  cluster = await swarmCluster()
  const admin = await h.as('admin')
  const added = await admin.post('/api/hosts', {
    id: hostId,
    name: 'swarm leader',
    address: leader(),
  })
  expect(added.status, await added.clone().text()).toBe(201)
})

afterAll(async () => {
  if (services.length > 0) await docker(leader(), ['service', 'rm', ...services])
})

describe('swarm nodes', () => {
  it('drains a worker: the answer lists what moves, its tasks move to m2, then it is active again', async () => {
    const admin = await h.as('admin')
    const service = await createService(2)
    await expect.poll(() => countsOf(service), poll).toEqual({ m1: 0, m2: 1, w1: 1 })
    const w1 = node('w1').nodeId
    const preview = (await (await admin.get(`${swarm}/nodes/${w1}/drain`)).json()) as DrainEffect
    expect(preview.moves).toEqual(
      expect.arrayContaining([expect.objectContaining({ serviceName: service, nodeId: w1 })]),
    )

    try {
      const res = await admin.patch(`${swarm}/nodes/hmc-w1`, { availability: 'drain' })
      expect(res.status, await res.clone().text()).toBe(200)
      const { node: drained, drained: moved } = (await res.json()) as NodeUpdated
      expect(drained).toMatchObject({ id: w1, availability: 'drain' })
      expect(moved?.moves.filter((t) => t.serviceName === service)).toHaveLength(1)
      await expect.poll(() => countsOf(service), poll).toEqual({ m1: 0, m2: 2, w1: 0 })
    } finally {
      const back = await admin.patch(`${swarm}/nodes/${w1}`, { availability: 'active' })
      expect(back.status).toBe(200)
    }
    expect(await inspectField(w1, '{{.Spec.Availability}}')).toBe('active')
  })

  it('lists a node’s tasks, and adds and removes its labels', async () => {
    const admin = await h.as('admin')
    const service = await createService(1)
    const m2 = node('m2').nodeId
    const key = `harbormaster.test-nodes-${h.runId}`

    try {
      const added = await admin.patch(`${swarm}/nodes/${m2}`, { labels: { add: { [key]: 'x' } } })
      expect(added.status, await added.clone().text()).toBe(200)
      expect(await inspectField(m2, `{{index .Spec.Labels "${key}"}}`)).toBe('x')
      // The test cluster's own label is kept: an update sends the whole spec back.
      expect(await inspectField(m2, `{{index .Spec.Labels "${cluster.nodeLabel}"}}`)).toBe('m2')
    } finally {
      const removed = await admin.patch(`${swarm}/nodes/${m2}`, { labels: { remove: [key] } })
      expect(removed.status).toBe(200)
    }
    expect(await inspectField(m2, '{{json .Spec.Labels}}')).not.toContain(key)

    const serviceId = (
      await docker(leader(), ['service', 'inspect', '-f', '{{.ID}}', service])
    ).stdout.trim()
    const runningOn = async (name: string) => {
      const res = await admin.get(`${swarm}/nodes/${node(name).nodeId}`)
      const details = (await res.json()) as SwarmNodeDetails
      return details.tasks.filter((t) => t.serviceId === serviceId && t.state === 'running')
    }
    // Its one task runs on m2 or w1, and that node's detail lists it.
    await expect
      .poll(async () => (await runningOn('m2')).length + (await runningOn('w1')).length, poll)
      .toBe(1)
  })

  it('names a node’s resources and platform, and the address a manager is joined at', async () => {
    const admin = await h.as('admin')
    const read = async (name: string) =>
      (await (await admin.get(`${swarm}/nodes/${node(name).nodeId}`)).json()) as SwarmNodeDetails
    const m1 = await read('m1')
    expect(m1.managerAddr).toBe(`${m1.addr}:2377`)
    expect(m1.resources?.nanoCpus).toBeGreaterThan(0)
    expect(m1.resources?.memoryBytes).toBeGreaterThan(0)
    expect(m1.platform?.os).toBe('linux')
    const w1 = await read('w1')
    expect(w1.managerAddr).toBeUndefined()
    expect(w1.resources?.nanoCpus).toBeGreaterThan(0)
  })

  it('promotes the worker and demotes it back', async () => {
    const admin = await h.as('admin')
    const w1 = node('w1').nodeId
    try {
      const promoted = await admin.patch(`${swarm}/nodes/${w1}`, { role: 'manager' })
      expect(promoted.status, await promoted.clone().text()).toBe(200)
      expect(await inspectField(w1, '{{.Spec.Role}}')).toBe('manager')
      // The new manager reaches the others' raft before it can be demoted cleanly.
      await expect
        .poll(() => inspectField(w1, '{{.ManagerStatus.Reachability}}'), poll)
        .toBe('reachable')
    } finally {
      const demoted = await admin.patch(`${swarm}/nodes/${w1}`, { role: 'worker' })
      expect(demoted.status, await demoted.clone().text()).toBe(200)
    }
    expect(await inspectField(w1, '{{.Spec.Role}}')).toBe('worker')
    await expect
      .poll(
        async () =>
          (
            await docker(node('w1').dockerHost, ['info', '-f', '{{.Swarm.ControlAvailable}}'])
          ).stdout.trim(),
        poll,
      )
      .toBe('false')
  })

  it('refuses to remove a node that is up, and keeps node changes for admins', async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const w1 = node('w1').nodeId

    await expectApiError(await admin.delete(`${swarm}/nodes/${w1}`), 400, 'invalid_request', /down/)
    await expectApiError(
      await operator.patch(`${swarm}/nodes/${w1}`, { availability: 'drain' }),
      403,
      'forbidden',
    )
    await expectApiError(await operator.delete(`${swarm}/nodes/${w1}`), 403, 'forbidden')
    await expectApiError(await viewer.get(`${swarm}/nodes/${w1}/drain`), 403, 'forbidden')
    await expectApiError(
      await admin.patch(`${swarm}/nodes/${w1}`, { availability: 'gone' }),
      400,
      'invalid_request',
    )
    await expectApiError(await admin.patch(`${swarm}/nodes/${w1}`, {}), 400, 'invalid_request')
    expect(await inspectField(w1, '{{.Status.State}} {{.Spec.Availability}}')).toBe('ready active')
    const viewed = await viewer.get(`${swarm}/nodes/hmc-w1`)
    expect(await viewed.json()).toMatchObject({
      id: w1,
      role: 'worker',
      labels: { [cluster.nodeLabel]: 'w1' },
    })
    await expectApiError(await viewer.get(`${swarm}/nodes/hmc-none`), 404, 'not_found')
  })
})

describe('join tokens and cluster settings', () => {
  it('reveals the tokens to admins only, rotates them, and never writes them to the audit log', async () => {
    const admin = await h.as('admin')
    const cli = async (role: string) =>
      (await docker(leader(), ['swarm', 'join-token', '-q', role])).stdout.trim()
    for (const role of ['operator', 'viewer'] as const) {
      const other = await h.as(role)
      await expectApiError(await other.get(`${swarm}/cluster/join-tokens`), 403, 'forbidden')
      await expectApiError(await other.get(`${swarm}/cluster`), 403, 'forbidden')
      await expectApiError(
        await other.post(`${swarm}/cluster/join-tokens/rotate`, { worker: true }),
        403,
        'forbidden',
      )
    }

    const revealed = await admin.get(`${swarm}/cluster/join-tokens`)
    expect(revealed.headers.get('cache-control')).toBe('no-store')
    const before = (await revealed.json()) as JoinTokens
    expect(before).toEqual({ worker: await cli('worker'), manager: await cli('manager') })
    const settings = await admin.get(`${swarm}/cluster`)
    const settingsText = await settings.text()
    expect(settingsText).not.toContain(before.worker)
    expect(JSON.parse(settingsText)).toMatchObject({ settings: { autolock: false } })

    const rotated = await admin.post(`${swarm}/cluster/join-tokens/rotate`, { worker: true })
    expect(rotated.status, await rotated.clone().text()).toBe(200)
    const after = (await rotated.json()) as JoinTokens
    expect(after.worker).not.toBe(before.worker)
    expect(after).toEqual({ worker: await cli('worker'), manager: before.manager })

    const audit = await (await admin.get('/api/audit?limit=200')).text()
    expect(audit).toContain('swarm.join-tokens.reveal')
    expect(audit).toContain('swarm.join-tokens.rotate')
    for (const token of [before.worker, before.manager, after.worker]) {
      expect(audit).not.toContain(token)
    }
  })

  it('changes the task history limit and puts it back', async () => {
    const admin = await h.as('admin')
    const current = async () =>
      (
        await docker(leader(), [
          'info',
          '-f',
          '{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}',
        ])
      ).stdout.trim()
    const was = Number(await current())
    try {
      const res = await admin.patch(`${swarm}/cluster`, { taskHistoryLimit: was + 1 })
      expect(res.status, await res.clone().text()).toBe(200)
      expect(await res.json()).toMatchObject({ settings: { taskHistoryLimit: was + 1 } })
      expect(await current()).toBe(String(was + 1))
      // Settings not named keep their value.
      expect(await inspectField(node('m1').nodeId, '{{.Spec.Role}}')).toBe('manager')
    } finally {
      await admin.patch(`${swarm}/cluster`, { taskHistoryLimit: was })
    }
    expect(await current()).toBe(String(was))
    await expectApiError(
      await admin.patch(`${swarm}/cluster`, { nodeCertExpirySeconds: 60 }),
      400,
      'invalid_request',
    )
  })
})

describe('removing a node that is down', () => {
  let spare: PrivateEngine | undefined
  afterAll(async () => {
    await spare?.stop()
  })

  it('removes a throwaway fourth node once it is down, without force', async () => {
    const admin = await h.as('admin')
    // A fourth engine on the cluster's switch (the switch namespace is named like the nodes'),
    // joined drained so that no task of another test file lands on it.
    const m1 = node('m1')
    const id = randomBytes(2).toString('hex')
    spare = await startPrivateEngine({ name: 'spare', netns: m1.netns.replace(/-m1$/, `-x${id}`) })
    const address = `10.231.240.${100 + (parseInt(id, 16) % 100)}`
    await plugIn(m1.netns.replace(/-m1$/, '-sw'), spare.netns, `x${id}`, address)
    const token = (await docker(leader(), ['swarm', 'join-token', '-q', 'worker'])).stdout.trim()
    await docker(spare.dockerHost, [
      ...['swarm', 'join', '--availability', 'drain', '--token', token],
      ...['--advertise-addr', address, `${m1.address}:2377`],
    ])
    const spareId = (
      await docker(spare.dockerHost, ['info', '-f', '{{.Swarm.NodeID}}'])
    ).stdout.trim()
    await expect.poll(() => inspectField(spareId, '{{.Status.State}}'), poll).toBe('ready')
    await expectApiError(await admin.delete(`${swarm}/nodes/${spareId}`), 400, 'invalid_request')

    await spare.stop()
    spare = undefined
    await expect.poll(() => inspectField(spareId, '{{.Status.State}}'), poll).toBe('down')
    const removed = await admin.delete(`${swarm}/nodes/${spareId}`)
    expect(removed.status, await removed.clone().text()).toBe(204)

    const ids = (await docker(leader(), ['node', 'ls', '-q'])).stdout
    expect(ids).not.toContain(spareId)
    const audit = await (await admin.get('/api/audit?limit=50')).text()
    expect(audit).toContain('swarm.node.remove')
  })
})
