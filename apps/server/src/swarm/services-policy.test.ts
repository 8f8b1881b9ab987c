import { docker, scaled, swarmCluster } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { type SwarmHost, registerSwarmHost } from '../../test/swarm-services.ts'

const h = startHarness()
let sh: SwarmHost

beforeAll(async () => {
  sh = await registerSwarmHost(h, await swarmCluster(), 'svcpol')
}, scaled(180_000))

afterAll(async () => {
  await sh?.cleanup()
})

/** Each setting only an admin may put in a service, and how the 403 names it. */
const REFUSED: { field: string; settings: () => Record<string, unknown>; named: RegExp }[] = [
  {
    field: 'bind of /',
    settings: () => ({ mounts: [{ type: 'bind', source: '/', target: '/host' }] }),
    named: /mounts \("\/"/,
  },
  {
    field: 'bind of the engine socket',
    settings: () => ({
      mounts: [{ type: 'bind', source: sh.leader.socketPath, target: '/docker.sock' }],
    }),
    named: /mounts \("\/.*sock/,
  },
  { field: 'capAdd', settings: () => ({ capAdd: ['CAP_NET_ADMIN'] }), named: /capAdd/ },
  { field: 'host network', settings: () => ({ networks: [{ name: 'host' }] }), named: /networks/ },
  {
    field: 'sysctls',
    settings: () => ({ sysctls: { 'net.ipv4.ip_forward': '1' } }),
    named: /sysctls/,
  },
  {
    field: 'port below 1024',
    settings: () => ({ ports: [{ targetPort: 80, publishedPort: 81, mode: 'host' }] }),
    named: /ports \(host ports below 1024\)/,
  },
  {
    field: 'reserved label',
    settings: () => ({ labels: { ...h.labels, 'io.harbormaster.owner': 'me' } }),
    named: /labels \(io\.harbormaster\.\*\)/,
  },
  {
    field: 'log driver off the host',
    settings: () => ({ logDriver: { name: 'syslog' } }),
    named: /logDriver \(driver syslog\)/,
  },
]

const base = (name: string) => ({
  name,
  image: sh.cluster.fixtureImage,
  command: ['sleep', '3600'],
  labels: h.labels,
  containerLabels: h.labels,
  mode: { replicated: 1 },
})

interface Details {
  version: number
  settings: Record<string, unknown>
}

const servicesNamed = async (name: string) =>
  (await docker(sh.leader.dockerHost, ['service', 'ls', '-q', '--filter', `name=${name}`])).stdout
    .split('\n')
    .filter(Boolean)

describe('the container policy on swarm services', () => {
  it('refuses each admin-only field to an operator, on create and on update, changing nothing', async () => {
    const operator = await h.as('operator')
    const admin = await h.as('admin')
    const existing = h.uniqueName('pol')
    const made = await operator.post(`${sh.swarm}/services`, base(existing))
    expect(made.status, await made.clone().text()).toBe(201)
    const details = async () =>
      (await (await admin.get(`${sh.swarm}/services/${existing}`)).json()) as Details
    const before = await details()

    for (const { field, settings, named } of REFUSED) {
      const name = h.uniqueName('refused')
      const create = await operator.post(`${sh.swarm}/services`, { ...base(name), ...settings() })
      await expectApiError(create, 403, 'forbidden', named)
      expect(await servicesNamed(name), field).toEqual([])

      const update = await operator.patch(`${sh.swarm}/services/${existing}`, settings())
      await expectApiError(update, 403, 'forbidden', named)
      expect(await details(), field).toEqual(before)
    }

    // The same specs are an admin's to make.
    for (const { field, settings } of REFUSED) {
      const name = h.uniqueName('allowed')
      const create = await admin.post(`${sh.swarm}/services`, {
        ...base(name),
        ...settings(),
        mode: { replicated: 0 },
      })
      expect(create.status, `${field}: ${await create.clone().text()}`).toBe(201)
    }
  })

  it('refuses a viewer every change: services, secrets and configs', async () => {
    const viewer = await h.as('viewer')
    const name = h.uniqueName('viewer')
    await expectApiError(await viewer.post(`${sh.swarm}/services`, base(name)), 403, 'forbidden')
    const file = { name, labels: h.labels, value: 'v' }
    await expectApiError(await viewer.post(`${sh.swarm}/secrets`, file), 403, 'forbidden')
    await expectApiError(await viewer.post(`${sh.swarm}/configs`, file), 403, 'forbidden')
    expect(await servicesNamed(name)).toEqual([])
  })

  it('judges the spec a rollback restores, and the spec a scale or redeploy keeps', async () => {
    const operator = await h.as('operator')
    const admin = await h.as('admin')
    const name = h.uniqueName('adminmade')
    const created = await admin.post(`${sh.swarm}/services`, {
      ...base(name),
      capAdd: ['CAP_NET_ADMIN'],
      mode: { replicated: 0 },
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const version = async () =>
      ((await (await admin.get(`${sh.swarm}/services/${name}`)).json()) as Details).version

    const asMade = await version()
    await expectApiError(
      await operator.post(`${sh.swarm}/services/${name}/redeploy`),
      403,
      'forbidden',
      /capAdd/,
    )
    await expectApiError(
      await operator.post(`${sh.swarm}/services/${name}/scale`, { replicas: 2 }),
      403,
      'forbidden',
      /capAdd/,
    )
    expect(await version()).toBe(asMade)

    // The admin takes the capability away; the spec a rollback would restore still has it.
    const cleaned = await admin.patch(`${sh.swarm}/services/${name}`, { capAdd: [] })
    expect(cleaned.status, await cleaned.clone().text()).toBe(200)
    const afterClean = await version()
    await expectApiError(
      await operator.post(`${sh.swarm}/services/${name}/rollback`),
      403,
      'forbidden',
      /capAdd/,
    )
    expect(await version()).toBe(afterClean)
    const adminRollback = await admin.post(`${sh.swarm}/services/${name}/rollback`)
    expect(adminRollback.status, await adminRollback.clone().text()).toBe(200)
  })

  it('refuses spec fields Harbormaster cannot read (generic resources) on every change', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('generic')
    const [key, value] = Object.entries(h.labels)[0] ?? ['', '']
    await docker(sh.leader.dockerHost, [
      'service',
      'create',
      '--detach',
      '--name',
      name,
      '--label',
      `${key}=${value}`,
      '--replicas',
      '0',
      '--generic-resource',
      'gpu=1',
      sh.cluster.fixtureImage,
      'sleep',
      '3600',
    ])
    await expectApiError(
      await operator.post(`${sh.swarm}/services/${name}/redeploy`),
      403,
      'forbidden',
      /GenericResources/,
    )
    await expectApiError(
      await operator.patch(`${sh.swarm}/services/${name}`, { env: ['A=1'] }),
      409,
      'conflict',
      /GenericResources/,
    )
  })

  it('hides secrets outside a scoped operator’s label scope from their services', async () => {
    const scope = `team=${h.runId.slice(-6)}`
    const scoped = await h.operatorScopedTo(scope, undefined, sh.hostId)
    const admin = await h.as('admin')
    const secret = h.uniqueName('other-team')
    const made = await admin.post(`${sh.swarm}/secrets`, {
      name: secret,
      labels: h.labels,
      value: 'not-yours',
    })
    expect(made.status, await made.clone().text()).toBe(201)
    const name = h.uniqueName('scoped')
    const refused = await scoped.post(`${sh.swarm}/services`, {
      ...base(name),
      mode: { replicated: 0 },
      secrets: [{ name: secret }],
    })
    await expectApiError(refused, 404, 'not_found', /No such secret/)
    expect(await servicesNamed(name)).toEqual([])

    const own = await scoped.post(`${sh.swarm}/services`, {
      ...base(name),
      mode: { replicated: 0 },
    })
    expect(own.status, await own.clone().text()).toBe(201)
    const listed = (await (await scoped.get(`${sh.swarm}/services`)).json()) as {
      name: string
      labels: Record<string, string>
    }[]
    expect(listed.map((s) => s.name)).toEqual([name])
    expect(listed[0]?.labels).toMatchObject({ team: h.runId.slice(-6) })
  })
})
