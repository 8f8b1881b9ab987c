import {
  labelsFor,
  newRunId,
  podman,
  removeLabelled,
  testPodman,
  uniqueName,
} from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { type ContainerCreateSpec, type StatsSample, createEngine } from '../src/index.ts'

// Each difference between Podman 4.3's Docker-compatible API and Docker that docs/engine.md#podman
// lists, seen through the client against the run's real Podman service.
describe('the client against Podman 4.3', () => {
  const info = testPodman()
  const runId = newRunId()
  const labels = labelsFor(runId)
  const engine = createEngine({ host: info.dockerHost })
  afterAll(async () => {
    engine.close()
    await removeLabelled(info.dockerHost, runId)
  })

  async function run(spec: Partial<ContainerCreateSpec> = {}) {
    const name = uniqueName('pod')
    const { id } = await engine.containers.create({
      image: info.fixtureImage,
      cmd: ['sleep', '300'],
      ...spec,
      name,
      labels: { ...spec.labels, ...labels },
    })
    await engine.containers.start(id)
    return { id, name }
  }

  it('detects Podman once, from the ping', async () => {
    expect((await engine.connect()).flavour).toBe('podman')
  })

  it('lists images (Podman answers any `digests` parameter with an empty body)', async () => {
    const images = await engine.images.list()
    expect(images.some((image) => image.repoTags.includes(info.fixtureImage))).toBe(true)
  })

  it('lists the health Podman leaves out of the list’s status text', async () => {
    const check = (cmd: string) => ({ test: ['CMD-SHELL', cmd], intervalNs: 3600e9, retries: 1 })
    const healthy = await run({ healthcheck: check('true') })
    const unhealthy = await run({ healthcheck: check('false') })
    const plain = await run()
    await podman(info, ['healthcheck', 'run', healthy.name])
    await podman(info, ['healthcheck', 'run', unhealthy.name]).catch(() => undefined)

    const listed = await engine.containers.list({
      filters: { label: [`${Object.keys(labels)[0]}=${runId}`] },
    })
    const health = (id: string) => listed.find((container) => container.id === id)?.health
    expect(health(healthy.id)).toBe('healthy')
    expect(health(unhealthy.id)).toBe('unhealthy')
    expect(health(plain.id)).toBeUndefined()
  })

  it('lists a paused container without `all`, and reads it as paused in the list and in inspect', async () => {
    const { id } = await run()
    await engine.containers.pause(id)

    // Without `all`, as Docker lists running, paused and restarting containers.
    const [listed] = await engine.containers.list({ filters: { id: [id] } })
    expect(listed?.state).toBe('paused')
    expect((await engine.containers.inspect(id)).state.status).toBe('paused')
    await engine.containers.unpause(id)
  })

  it('names the default network `podman` everywhere, as containers do', async () => {
    const { id } = await run()
    const networks = await engine.networks.list()
    const names = networks.map((network) => network.name)
    expect(names).toContain('podman')
    expect(names).not.toContain('bridge')
    const container = await engine.containers.inspect(id)
    expect(Object.keys(container.networks)).toEqual(['podman'])
    expect((await engine.networks.inspect('podman')).name).toBe('podman')
  })

  it('splits `top` into its columns (Podman sends each row as one string)', async () => {
    const { id } = await run()
    const top = await engine.containers.top(id)
    expect(top.titles).toEqual(['PID', 'USER', 'COMMAND'])
    expect(top.processes).toContainEqual(['1', 'root', 'sleep 300'])
  })

  it('streams stats without the engine’s unusable first CPU sample', async () => {
    const { id } = await run({ cmd: ['sh', '-c', 'while :; do :; done'] })
    let first: StatsSample | undefined
    for await (const sample of await engine.stats.stream(id)) {
      first = sample
      break
    }
    // Podman's first precpu is the same reading taken 3 ms earlier: a 0 % that means nothing.
    expect(first?.previousCpu).toBeUndefined()
    expect(first?.cpu.totalUsage).toBeGreaterThan(0)
  })
})
