import { docker, pruneWhenFree, responseSaysPruneRunning } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()
const volumes = '/api/hosts/local/volumes'
const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])

async function volumeExists(name: string): Promise<boolean> {
  return docker(h.dockerHost, ['volume', 'inspect', name]).then(
    () => true,
    () => false,
  )
}

describe('volumes', () => {
  it('creates a volume, lists and inspects it with the containers using it', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('vol')
    const container = h.uniqueName('ctr')

    const created = await operator.post(volumes, {
      name,
      labels: h.labels,
      driverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
    })
    await docker(h.dockerHost, [
      'create',
      '--name',
      container,
      ...labelArgs(),
      '-v',
      `${name}:/data:ro`,
      h.fixtureImage,
    ])
    const list = (await (await operator.get(volumes)).json()) as { name: string }[]
    const details = await operator.get(`${volumes}/${name}`)

    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({ name, driver: 'local', labels: h.labels })
    expect(list.find((v) => v.name === name)).toMatchObject({
      driver: 'local',
      labels: h.labels,
      containers: [{ name: container, destination: '/data', readWrite: false }],
    })
    expect(await details.json()).toMatchObject({
      name,
      mountpoint: expect.stringContaining(name),
      options: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
      containers: [{ name: container }],
    })
  })

  it('refuses a local bind volume to an operator and creates it for an admin', async () => {
    const name = h.uniqueName('bind')
    const spec = { name, labels: h.labels, driverOpts: { type: 'none', o: 'bind', device: '/etc' } }

    const refused = await (await h.as('operator')).post(volumes, spec)
    const existedAfterRefusal = await volumeExists(name)
    const accepted = await (await h.as('admin')).post(volumes, spec)

    await expectApiError(refused, 403, 'forbidden', /driverOpts \(local bind\)/)
    expect(existedAfterRefusal).toBe(false)
    expect(accepted.status).toBe(201)
    expect(await volumeExists(name)).toBe(true)
  })

  it('refuses our label namespace and other drivers to an operator', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('vol')

    const res = await operator.post(volumes, {
      name,
      driver: 'some-plugin',
      labels: { 'io.harbormaster.owner': 'me' },
    })

    await expectApiError(
      res,
      403,
      'forbidden',
      /driver \(not local\), labels \(io\.harbormaster\.\*\)/,
    )
    expect(await volumeExists(name)).toBe(false)
  })

  it('removes a volume, refusing one in use unless forced', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('vol')
    const container = h.uniqueName('ctr')
    await docker(h.dockerHost, ['volume', 'create', ...labelArgs(), name])
    await docker(h.dockerHost, [
      'create',
      '--name',
      container,
      ...labelArgs(),
      '-v',
      `${name}:/d`,
      h.fixtureImage,
    ])

    const inUse = await operator.delete(`${volumes}/${name}`)
    await docker(h.dockerHost, ['rm', container])
    const removed = await operator.delete(`${volumes}/${name}?force=true`)

    await expectApiError(inUse, 409, 'conflict', /in use/)
    expect(removed.status).toBe(204)
    expect(await volumeExists(name)).toBe(false)
  })
})

describe('volumes for a caller with a label scope', () => {
  it('lists, finds and prunes only volumes carrying the scope’s label', async () => {
    const operator = await h.scopedOperator()
    const mine = h.uniqueName('mine')
    const theirs = h.uniqueName('theirs')
    await docker(h.dockerHost, ['volume', 'create', ...labelArgs(), mine])
    await docker(h.dockerHost, ['volume', 'create', '--label', `${h.runId}=other`, theirs])

    try {
      const list = (await (await operator.get(volumes)).json()) as { name: string }[]
      const hidden = await operator.get(`${volumes}/${theirs}`)
      const removeHidden = await operator.delete(`${volumes}/${theirs}`)
      const pruned = await pruneWhenFree(
        () => operator.post(`${volumes}/prune?all=true`),
        responseSaysPruneRunning,
      )

      expect(list.map((v) => v.name)).toContain(mine)
      expect(list.map((v) => v.name)).not.toContain(theirs)
      await expectApiError(hidden, 404, 'not_found', /No such volume/)
      await expectApiError(removeHidden, 404, 'not_found')
      expect(pruned.status).toBe(200)
      expect(await pruned.json()).toMatchObject({ deleted: expect.arrayContaining([mine]) })
      expect(await volumeExists(mine)).toBe(false)
      expect(await volumeExists(theirs)).toBe(true)
    } finally {
      await docker(h.dockerHost, ['volume', 'rm', theirs]).catch(() => undefined)
    }
  })
})

describe('a viewer may not change volumes', () => {
  it('gets 403 on every mutation and the engine is unchanged', async () => {
    const viewer = await h.as('viewer')
    const name = h.uniqueName('vol')
    const fresh = h.uniqueName('never')
    await docker(h.dockerHost, ['volume', 'create', ...labelArgs(), name])

    const answers = [
      await viewer.post(volumes, { name: fresh, labels: h.labels }),
      await viewer.delete(`${volumes}/${name}?force=true`),
      await viewer.post(`${volumes}/prune?all=true`),
    ]

    for (const res of answers) await expectApiError(res, 403, 'forbidden', /operator role/)
    expect(await volumeExists(fresh)).toBe(false)
    expect(await volumeExists(name)).toBe(true)
  })
})
