import { docker, scaled, pruneWhenFree, responseSaysPruneRunning } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()
const networks = '/api/hosts/local/networks'
const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])

async function networkExists(name: string): Promise<boolean> {
  return docker(h.dockerHost, ['network', 'inspect', name]).then(
    () => true,
    () => false,
  )
}

async function attached(network: string): Promise<string[]> {
  const format = '{{range .Containers}}{{.Name}} {{end}}'
  const { stdout } = await docker(h.dockerHost, ['network', 'inspect', '-f', format, network])
  return stdout.trim().split(' ').filter(Boolean)
}

describe('networks', () => {
  let container: string

  beforeAll(async () => {
    container = h.uniqueName('ctr')
    await docker(h.dockerHost, [
      'run',
      '-d',
      '--name',
      container,
      ...labelArgs(),
      h.fixtureImage,
      'sleep',
      '300',
    ])
  })

  it('creates a network with a subnet, lists it with its containers, inspects it', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('net')

    const created = await operator.post(networks, {
      name,
      labels: h.labels,
      subnet: '10.231.7.0/24',
      gateway: '10.231.7.1',
      attachable: true,
    })
    const { id } = (await created.json()) as { id: string }
    await docker(h.dockerHost, ['network', 'connect', name, container])
    // A change made behind the server's back (the CLI) reaches its model through the engine's
    // events: the count follows within the event's latency, not necessarily at once.
    const listed = async () =>
      ((await (await operator.get(networks)).json()) as Record<string, unknown>[]).find(
        (n) => n.id === id,
      )
    await expect
      .poll(async () => (await listed())?.containerCount, { timeout: scaled(5000) })
      .toBe(1)
    const list = (await (await operator.get(networks)).json()) as Record<string, unknown>[]
    const details = await operator.get(`${networks}/${name}`)

    expect(created.status).toBe(201)
    expect(list.find((n) => n.id === id)).toMatchObject({
      name,
      driver: 'bridge',
      attachable: true,
      predefined: false,
      labels: h.labels,
      ipam: [{ subnet: '10.231.7.0/24', gateway: '10.231.7.1' }],
      containerCount: 1,
    })
    expect(list.find((n) => n.name === 'bridge')).toMatchObject({ predefined: true })
    expect(await details.json()).toMatchObject({
      id,
      name,
      containers: [{ name: container, ipv4Address: expect.stringMatching(/^10\.231\.7\./) }],
    })
  })

  it('connects and disconnects a container', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('net')
    await docker(h.dockerHost, [
      'network',
      'create',
      ...labelArgs(),
      '--subnet',
      '10.232.8.0/24',
      name,
    ])

    const connected = await operator.post(`${networks}/${name}/connect`, {
      container,
      aliases: ['web-alias'],
      ipv4Address: '10.232.8.50',
    })
    const whileConnected = await attached(name)
    const { stdout: address } = await docker(h.dockerHost, [
      'inspect',
      '-f',
      `{{(index .NetworkSettings.Networks "${name}").IPAddress}}`,
      container,
    ])
    const disconnected = await operator.post(`${networks}/${name}/disconnect`, { container })

    expect(connected.status).toBe(204)
    expect(whileConnected).toEqual([container])
    expect(address.trim()).toBe('10.232.8.50')
    expect(disconnected.status).toBe(204)
    expect(await attached(name)).toEqual([])
  })

  it('removes a network, and answers the engine’s error for a predefined one', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('net')
    await docker(h.dockerHost, ['network', 'create', ...labelArgs(), name])

    const removed = await operator.delete(`${networks}/${name}`)
    const predefined = await operator.delete(`${networks}/bridge`)

    expect(removed.status).toBe(204)
    expect(await networkExists(name)).toBe(false)
    await expectApiError(predefined, 403, 'engine_error', /pre-defined/)
  })

  it('refuses our label namespace to an operator, but not to an admin', async () => {
    const name = h.uniqueName('net')
    const labels = { ...h.labels, 'io.harbormaster.owner': 'x' }

    const refused = await (await h.as('operator')).post(networks, { name, labels })
    const exists = await networkExists(name)
    const accepted = await (await h.as('admin')).post(networks, { name, labels })

    await expectApiError(refused, 403, 'forbidden', /labels \(io\.harbormaster\.\*\)/)
    expect(exists).toBe(false)
    expect(accepted.status).toBe(201)
  })

  it('names the invalid field', async () => {
    const operator = await h.as('operator')

    const res = await operator.post(networks, { name: h.uniqueName('n'), gateway: '10.0.0.1' })

    await expectApiError(
      res,
      400,
      'invalid_request',
      /^json\.subnet: gateway and ipRange need a subnet/,
    )
  })
})

describe('networks for a caller with a label scope', () => {
  it('lists, finds and prunes only networks carrying the scope’s label', async () => {
    const operator = await h.scopedOperator()
    const mine = h.uniqueName('mine')
    const theirs = h.uniqueName('theirs')
    await docker(h.dockerHost, ['network', 'create', ...labelArgs(), mine])
    await docker(h.dockerHost, ['network', 'create', '--label', `${h.runId}=other`, theirs])

    try {
      const list = (await (await operator.get(networks)).json()) as { name: string }[]
      const hidden = await operator.get(`${networks}/${theirs}`)
      const removeHidden = await operator.delete(`${networks}/${theirs}`)
      const pruned = await pruneWhenFree(
        () => operator.post(`${networks}/prune`),
        responseSaysPruneRunning,
      )

      expect(list.map((n) => n.name)).toContain(mine)
      expect(list.map((n) => n.name)).not.toContain(theirs)
      expect(list.map((n) => n.name)).not.toContain('bridge')
      await expectApiError(hidden, 404, 'not_found', /No such network/)
      await expectApiError(removeHidden, 404, 'not_found')
      expect(pruned.status).toBe(200)
      expect(((await pruned.json()) as { deleted: string[] }).deleted).toContain(mine)
      expect(await networkExists(mine)).toBe(false)
      expect(await networkExists(theirs)).toBe(true)
    } finally {
      await docker(h.dockerHost, ['network', 'rm', theirs]).catch(() => undefined)
    }
  })
})

describe('a viewer may not change networks', () => {
  it('gets 403 on every mutation and the engine is unchanged', async () => {
    const viewer = await h.as('viewer')
    const name = h.uniqueName('net')
    const fresh = h.uniqueName('never')
    const container = h.uniqueName('ctr')
    await docker(h.dockerHost, ['network', 'create', ...labelArgs(), name])
    await docker(h.dockerHost, ['create', '--name', container, ...labelArgs(), h.fixtureImage])

    const answers = [
      await viewer.post(networks, { name: fresh, labels: h.labels }),
      await viewer.post(`${networks}/${name}/connect`, { container }),
      await viewer.post(`${networks}/${name}/disconnect`, { container }),
      await viewer.delete(`${networks}/${name}`),
      await viewer.post(`${networks}/prune`),
    ]

    for (const res of answers) await expectApiError(res, 403, 'forbidden', /operator role/)
    expect(await networkExists(fresh)).toBe(false)
    expect(await networkExists(name)).toBe(true)
    const { stdout } = await docker(h.dockerHost, [
      'inspect',
      '-f',
      '{{json .NetworkSettings.Networks}}',
      container,
    ])
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(['bridge'])
  })
})
