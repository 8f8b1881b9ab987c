import { describe, expect, it } from 'vitest'
import { createEngine } from '../src/index.ts'
import { collectBytes, useTestEngine } from './engine-fixture.ts'

describe('system views against a real engine', () => {
  const { engine, run } = useTestEngine()

  it('reports info, version, disk usage and the negotiated identity', async () => {
    await run()

    const identity = await engine.connect()
    const version = await engine.system.version()
    const info = await engine.system.info()
    const usage = await engine.system.diskUsage()

    expect(identity).toMatchObject({
      flavour: 'docker',
      apiVersion: version.apiVersion,
      osType: 'linux',
    })
    expect(version.version).toMatch(/^\d+\.\d+/)
    expect(info.containersRunning).toBeGreaterThanOrEqual(1)
    expect(info.swarm.localNodeState).toBe('inactive')
    expect(usage.images.length).toBeGreaterThanOrEqual(1)
  })
})

describe('version negotiation, cached and fresh', () => {
  const { info } = useTestEngine()

  it('pings once for many calls, and again whenever a caller asks for a fresh answer', async () => {
    const engine = createEngine({ host: info.dockerHost })
    const pings = () => engine.callCounts.byRoute.get('HEAD /_ping') ?? 0

    const first = await engine.connect()
    await engine.connect()
    await engine.system.version()
    expect(pings()).toBe(1)

    // What a broken events stream asks before it tells anyone the engine is back.
    const fresh = await engine.connect({ fresh: true })
    expect(pings()).toBe(2)
    expect(fresh).toEqual(first)
    // The fresh answer is the one kept.
    await engine.connect()
    expect(pings()).toBe(2)
    engine.close()
  })
})

describe('the same calls pinned to older API versions, served by the same daemon', () => {
  const { info, run } = useTestEngine()

  it.each(['1.12', '1.15', '1.20', '1.24', '1.30', 'own'])(
    'lists and inspects containers at API %s',
    async (pinned) => {
      const engine = createEngine({
        host: info.dockerHost,
        ...(pinned === 'own' ? {} : { apiVersion: pinned }),
      })
      const { id, name } = await run({ env: ['PINNED=yes'] })

      const identity = await engine.connect()
      const [row] = await engine.containers.list({ filters: { id: [id] } })
      const details = await engine.containers.inspect(id)

      expect(identity.apiVersion).toBe(pinned === 'own' ? identity.engineApiVersion : pinned)
      expect(row).toMatchObject({ id, name, state: 'running', image: info.fixtureImage })
      expect(details).toMatchObject({
        id,
        name,
        image: info.fixtureImage,
        state: { status: 'running' },
      })
      expect(details.config.env).toContain('PINNED=yes')
      engine.close()
    },
  )

  it('gates request fields by version: exec WorkingDir exists from 1.35 only', async () => {
    const { id } = await run()
    const pwdAt = async (apiVersion: string) => {
      const engine = createEngine({ host: info.dockerHost, apiVersion })
      const execId = await engine.exec.create(id, { cmd: ['pwd'], workingDir: '/tmp' })
      const { socket } = await engine.exec.start(execId)
      const output = (await collectBytes(socket)).subarray(8).toString()
      engine.close()
      return output
    }

    expect(await pwdAt('1.41')).toBe('/tmp\n')
    expect(await pwdAt('1.30')).toBe('/\n')
  })

  it('sees the 1.24 network list report attached containers where 1.30 does not', async () => {
    const { id } = await run()
    const count = async (apiVersion: string) => {
      const engine = createEngine({ host: info.dockerHost, apiVersion })
      const bridge = (await engine.networks.inspect('bridge')).containers ?? {}
      engine.close()
      return Object.keys(bridge).includes(id)
    }

    // inspect lists attached containers at every version (only the *list* changed in 1.28).
    expect(await count('1.24')).toBe(true)
    expect(await count('1.41')).toBe(true)
  })
})
