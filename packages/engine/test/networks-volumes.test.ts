import { docker, uniqueName, pruneWhenFree } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { EngineConflictError, EngineNotFoundError } from '../src/index.ts'
import { useTestEngine } from './engine-fixture.ts'

describe('networks against a real engine', () => {
  const { engine, labels, run, runId } = useTestEngine()

  it('creates a network with a subnet, connects and disconnects a container, and removes it', async () => {
    const name = uniqueName('net')
    const { id } = await engine.networks.create({
      name,
      labels,
      internal: true,
      ipam: { subnet: '172.31.250.0/24', gateway: '172.31.250.1', ipRange: '172.31.250.128/25' },
    })
    const container = await run()

    await engine.networks.connect(id, container.id, { aliases: ['web'] })
    const attached = await engine.networks.inspect(id)
    expect(attached).toMatchObject({ name, driver: 'bridge', internal: true, labels })
    expect(attached.ipam.config[0]).toMatchObject({
      subnet: '172.31.250.0/24',
      gateway: '172.31.250.1',
    })
    const endpoint = attached.containers?.[container.id]
    expect(endpoint?.ipv4Address).toMatch(/^172\.31\.250\.(12[89]|1[3-9]\d|2\d\d)\/24$/)
    const inContainer = await engine.containers.inspect(container.id)
    expect(inContainer.networks[name]?.aliases).toContain('web')

    await engine.networks.disconnect(id, container.id)
    expect((await engine.networks.inspect(id)).containers).toEqual({})
    await engine.networks.remove(id)
    await expect(engine.networks.inspect(id)).rejects.toBeInstanceOf(EngineNotFoundError)
  })

  it('lists by label and prunes only labelled unused networks', async () => {
    const { id } = await engine.networks.create({ name: uniqueName('net'), labels })

    const listed = await engine.networks.list({
      filters: { label: [`harbormaster.test-run=${runId}`] },
    })
    expect(listed.map((n) => n.id)).toContain(id)
    const pruned = await pruneWhenFree(() =>
      engine.networks.prune({ filters: { label: [`harbormaster.test-run=${runId}`] } }),
    )
    expect(pruned.deleted.length).toBeGreaterThan(0)
    await expect(engine.networks.inspect(id)).rejects.toBeInstanceOf(EngineNotFoundError)
  })
})

describe('volumes against a real engine', () => {
  const { engine, info, labels, run, runId } = useTestEngine()

  it('creates, lists with a filter, inspects and removes a volume; refuses one in use', async () => {
    const name = uniqueName('vol')
    const created = await engine.volumes.create({ name, labels })
    expect(created).toMatchObject({ name, driver: 'local', labels })

    const listed = await engine.volumes.list({
      filters: { label: [`harbormaster.test-run=${runId}`] },
    })
    expect(listed.map((v) => v.name)).toContain(name)
    const user = await run({ binds: [`${name}:/data`] })
    await expect(engine.volumes.remove(name)).rejects.toBeInstanceOf(EngineConflictError)

    await engine.containers.remove(user.id, { force: true })
    await engine.volumes.remove(name)
    const { stdout } = await docker(info.dockerHost, [
      'volume',
      'ls',
      '-q',
      '--filter',
      `name=${name}`,
    ])
    expect(stdout.trim()).toBe('')
  })

  it('prunes only labelled unused volumes', async () => {
    const kept = await engine.volumes.create({ name: uniqueName('vol'), labels })
    await run({ binds: [`${kept.name}:/data`] })
    const unused = await engine.volumes.create({ name: uniqueName('vol'), labels })

    const result = await pruneWhenFree(() =>
      engine.volumes.prune({ filters: { label: [`harbormaster.test-run=${runId}`] } }),
    )

    expect(result.deleted).toContain(unused.name)
    expect(result.deleted).not.toContain(kept.name)
  })
})
