import { mkdtemp, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImageUpdateReport, ServiceImageUpdateResult } from '@harbormaster/contract'
import {
  type LocalRegistry,
  docker,
  scaled,
  startRegistry,
  swarmCluster,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackLines } from '../../test/cli-project.ts'
import { startHarness } from '../../test/harness.ts'
import { type SwarmHost, registerSwarmHost, runningTasks } from '../../test/swarm-services.ts'

/*
 * The registry runs in the leader's (m1's) network namespace, where its engine pushes and pulls
 * as 127.0.0.1:<port>; the other nodes cannot reach it, so the services here are placed on m1.
 * The server (outside every node) asks a second registry process in this namespace, serving the
 * same storage, through HARBORMASTER_REGISTRY_ENDPOINTS.
 */
const enginePort = 20_000 + Math.floor(Math.random() * 10_000)
const serverPort = 30_000 + Math.floor(Math.random() * 10_000)
const address = `127.0.0.1:${String(enginePort)}`
const h = startHarness({
  env: { HARBORMASTER_REGISTRY_ENDPOINTS: `${address}=http://127.0.0.1:${String(serverPort)}` },
})
let sh: SwarmHost
const registries: LocalRegistry[] = []
/** The swarm stacks this file deploys, removed with `docker stack rm`. */
const stacks: string[] = []
const repository = `${address}/swarm-app-${h.runId.slice(-6)}`

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'svcupd')
  const dir = await mkdtemp(join(tmpdir(), 'hm-reg-swarm-'))
  registries.push(await startRegistry({ dir, netns: sh.leader.netns, port: enginePort }))
  const mirror = await mkdtemp(join(tmpdir(), 'hm-reg-swarm-server-'))
  await symlink(join(dir, 'data'), join(mirror, 'data'))
  registries.push(await startRegistry({ dir: mirror, port: serverPort }))
}, scaled(180_000))

afterAll(async () => {
  await sh?.cleanup()
  for (const name of stacks) {
    await docker(sh?.leader.dockerHost ?? '', ['stack', 'rm', name]).catch(() => undefined)
  }
  for (const tag of ['1', '2']) {
    await docker(sh?.leader.dockerHost ?? '', ['image', 'rm', '-f', `${repository}:${tag}`]).catch(
      () => undefined,
    )
  }
  // The second one's directory holds a link to the first's storage: stopped first.
  for (const registry of registries.reverse()) await registry.stop()
})

/** What the version in the running task's container says. */
async function versionRunning(service: string): Promise<string | undefined> {
  const [task] = await runningTasks(await h.as('operator'), sh.swarm, service)
  if (task?.containerId === undefined) return undefined
  const ran = await docker(sh.leader.dockerHost, ['exec', task.containerId, 'cat', '/version'])
  return ran.stdout.trim()
}

async function specImage(service: string): Promise<string> {
  const format = '{{.Spec.TaskTemplate.ContainerSpec.Image}}'
  const inspected = await docker(sh.leader.dockerHost, [
    'service',
    'inspect',
    service,
    '-f',
    format,
  ])
  return inspected.stdout.trim()
}

const poll = { timeout: scaled(120_000), interval: 500 }

/** Builds `repository:<tag>` with `/version` saying `version` on the leader, pushes it: its digest. */
async function pushVersion(version: string, tag = '1'): Promise<string> {
  const label = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)[0] ?? ''
  const dockerfile = [`FROM ${sh.cluster.fixtureImage}`, `RUN echo ${version} > /version`]
  const reference = `${repository}:${tag}`
  const host = sh.leader.dockerHost
  await docker(host, ['build', '-q', '--label', label, '-t', reference, '-'], {
    input: dockerfile.join('\n'),
    env: { DOCKER_BUILDKIT: '0' },
  })
  await docker(host, ['push', '-q', reference])
  const inspected = await docker(host, [
    'image',
    'inspect',
    reference,
    '-f',
    '{{json .RepoDigests}}',
  ])
  const digest = (JSON.parse(inspected.stdout) as string[])[0]?.split('@')[1]
  if (digest === undefined) throw new Error(`no repo digest for ${reference}`)
  return digest
}

describe('image updates of swarm services', () => {
  it('finds a new digest for a service and rolls the service over to it', async () => {
    const first = await pushVersion('1')
    const name = h.uniqueName('svcupd')
    const labels = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)
    // The CLI pins the tag's digest in the spec, as it does for every `service create`.
    await docker(sh.leader.dockerHost, [
      ...['service', 'create', '--detach', '--name', name],
      ...labels.flatMap((l) => ['--label', l, '--container-label', l]),
      ...['--constraint', `node.labels.${sh.cluster.nodeLabel}==m1`],
      ...['--stop-grace-period', '1s', '--update-parallelism', '1'],
      `${repository}:1`,
      ...['sleep', '3600'],
    ])
    const serviceId = (
      await docker(sh.leader.dockerHost, ['service', 'inspect', name, '-f', '{{.ID}}'])
    ).stdout.trim()
    expect(await specImage(name)).toBe(`${repository}:1@${first}`)
    const operator = await h.as('operator')
    await expect
      .poll(async () => (await runningTasks(operator, sh.swarm, name)).length, poll)
      .toBe(1)

    const updates = `/api/hosts/${sh.hostId}/updates`
    const findingFor = async () => {
      const res = await operator.post(`${updates}/check`)
      expect(res.status, await res.clone().text()).toBe(200)
      const report = (await res.json()) as ImageUpdateReport
      return report.images.find((image) => image.serviceIds?.includes(serviceId))
    }
    expect(await findingFor()).toMatchObject({ status: 'up-to-date', currentDigest: first })

    const second = await pushVersion('2')
    expect(second).not.toBe(first)
    expect(await findingFor()).toMatchObject({
      image: `${repository}:1@${first}`,
      status: 'update-available',
      currentDigest: first,
      newDigest: second,
    })

    // Its task's container is Swarm's: Update of the container is refused, naming the service.
    const [task] = await runningTasks(operator, sh.swarm, name)
    const asContainer = await operator.post(`${updates}/containers/${task?.containerId ?? ''}`)
    expect(asContainer.status).toBe(400)
    expect(await asContainer.text()).toContain(`task of swarm service ${name}`)

    const viewer = await h.as('viewer')
    const refused = await viewer.post(`${updates}/services/${name}`)
    expect(refused.status).toBe(403)
    expect(await specImage(name)).toBe(`${repository}:1@${first}`)

    const res = await operator.post(`${updates}/services/${name}`)
    expect(res.status, await res.clone().text()).toBe(200)
    const result = (await res.json()) as ServiceImageUpdateResult
    expect(result).toMatchObject({
      outcome: 'updated',
      serviceId,
      previousImage: `${repository}:1@${first}`,
      image: `${repository}:1@${second}`,
    })
    expect(await specImage(name)).toBe(`${repository}:1@${second}`)
    // Swarm replaces the task: the one running now runs the new digest.
    await expect.poll(() => versionRunning(name), poll).toBe('2')

    const admin = await h.as('admin')
    const page = (await (await admin.get('/api/audit?limit=50')).json()) as {
      entries: { action: string; target?: string; status: number }[]
    }
    const audited = page.entries.filter((entry) => entry.action === 'service.image-update')
    expect(audited).toEqual([
      expect.objectContaining({ target: serviceId, status: 200 }),
      expect.objectContaining({ status: 403 }),
    ])
  })

  it('updates the services of a swarm stack whose image has a new digest', async () => {
    await pushVersion('stack-1', '2')
    const operator = await h.as('operator')
    const name = h.uniqueName('svstk')
    const base = `/api/hosts/${sh.hostId}`
    // A bare tag, as Harbormaster's swarm deploy sends it: the task on m1 says what it pulled.
    const compose = `services:
  app:
    image: ${repository}:2
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    deploy:
      placement:
        constraints: ["node.labels.${sh.cluster.nodeLabel}==m1"]
`
    const created = await operator.post(`${base}/stacks`, { name, compose, target: 'swarm' })
    expect(created.status, await created.clone().text()).toBe(201)
    stacks.push(name)
    const lines = await stackLines(await operator.post(`${base}/stacks/${name}/up`, {}))
    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    const service = `${name}_app`
    await expect.poll(() => versionRunning(service), poll).toBe('stack-1')

    const second = await pushVersion('stack-2', '2')
    const check = await operator.post(`${base}/updates/check`)
    expect(check.status, await check.clone().text()).toBe(200)
    const summary = async () => {
      const list = (await (await operator.get(`${base}/stacks`)).json()) as {
        name: string
        updates?: string[]
      }[]
      return list.find((stack) => stack.name === name)
    }
    expect(await summary()).toMatchObject({ updates: ['app'] })

    const viewer = await h.as('viewer')
    expect((await viewer.post(`${base}/stacks/${name}/update`)).status).toBe(403)

    const updated = await stackLines(await operator.post(`${base}/stacks/${name}/update`))
    expect(updated.at(-1), JSON.stringify(updated)).toMatchObject({ type: 'done', changes: 1 })
    expect(updated).toContainEqual(
      expect.objectContaining({
        object: 'service',
        name: service,
        action: 'update',
        state: 'done',
      }),
    )
    expect(await specImage(service)).toBe(`${repository}:2@${second}`)
    await expect.poll(() => versionRunning(service), poll).toBe('stack-2')
  })
})
