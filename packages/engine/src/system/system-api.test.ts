import { describe, expect, it } from 'vitest'
import { useFakeEngine } from '../fixtures/fake-engine.ts'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { SystemApi } from './system-api.ts'

const startSystem = useFakeEngine((client) => new SystemApi(client))
const system = (version: string) =>
  startSystem(version, (req) => {
    if (req.path === '/system/df') return { json: loadFixture('v1.51/system-df.json') }
    if (req.path === '/_ping') return { text: 'OK' }
    return { json: loadFixture('v1.51/system-info.json') }
  })

describe('SystemApi requests (fake engine: API 1.51 shapes cannot come from the engine here)', () => {
  it('limits /system/df to the asked types from API 1.42', async () => {
    const { api, requests } = await system('1.51')
    const usage = await api.diskUsage({ types: ['volume', 'image'] })
    expect(requests[0]?.query.getAll('type')).toEqual(['volume', 'image'])
    expect(usage.volumes).toHaveLength(1)
  })

  it('computes everything on older engines', async () => {
    const { api, requests } = await system('1.41')
    await api.diskUsage({ types: ['volume'] })
    expect(requests[0]?.query.has('type')).toBe(false)
  })

  it('pings with the negotiated prefix and returns the identity', async () => {
    const { api, requests } = await system('1.47')
    expect(await api.ping()).toEqual({
      apiVersion: '1.47',
      engineApiVersion: '1.47',
      flavour: 'docker',
      osType: undefined,
    })
    expect(requests[0]).toMatchObject({ method: 'GET', version: '1.47', path: '/_ping' })
  })

  it('reads /info', async () => {
    const { api } = await system('1.51')
    expect((await api.info()).swarm.controlAvailable).toBe(true)
  })
})
