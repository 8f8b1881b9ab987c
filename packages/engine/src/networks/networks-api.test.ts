import { describe, expect, it } from 'vitest'
import { useFakeEngine } from '../fixtures/fake-engine.ts'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { NetworksApi } from './networks-api.ts'

const startNetworks = useFakeEngine((client) => new NetworksApi(client))
const networks = (version: string) =>
  startNetworks(version, (req) =>
    req.path === '/networks/create'
      ? { status: 201, json: loadFixture('v1.51/network-create.json') }
      : {},
  )

function bodyOf(requests: { body: Buffer }[], index: number): unknown {
  return JSON.parse(requests[index]?.body.toString() ?? 'null')
}

describe('NetworksApi requests (fake engine: API 1.51 shapes cannot come from the engine here)', () => {
  it('creates with one IPAM pool and asks engines before 1.44 to refuse duplicates', async () => {
    const { api, requests } = await networks('1.41')
    const created = await api.create({
      name: 'hm-net',
      internal: true,
      labels: { 'io.harbormaster.test': '1' },
      ipam: { subnet: '172.30.0.0/16', gateway: '172.30.0.1' },
    })
    expect(created).toEqual({
      id: 'b5c4fc71e8022147cd25de22b22173de4e3b170134117172eb595cb91b4e7e5d',
    })
    expect(bodyOf(requests, 0)).toEqual({
      Name: 'hm-net',
      Internal: true,
      Labels: { 'io.harbormaster.test': '1' },
      IPAM: { Driver: 'default', Config: [{ Subnet: '172.30.0.0/16', Gateway: '172.30.0.1' }] },
      CheckDuplicate: true,
    })
  })

  it('leaves the deprecated CheckDuplicate out from 1.44', async () => {
    const { api, requests } = await networks('1.51')
    await api.create({ name: 'hm-net' })
    expect(bodyOf(requests, 0)).toEqual({ Name: 'hm-net' })
  })

  it('connects with an endpoint config only when one is needed, and disconnects', async () => {
    const { api, requests } = await networks('1.41')
    await api.connect('hm-net', 'web', { aliases: ['db'], ipv4Address: '172.30.0.9' })
    await api.connect('hm-net', 'web')
    await api.disconnect('hm-net', 'web', { force: true })
    expect(requests.map((r) => r.path)).toEqual([
      '/networks/hm-net/connect',
      '/networks/hm-net/connect',
      '/networks/hm-net/disconnect',
    ])
    expect(bodyOf(requests, 0)).toEqual({
      Container: 'web',
      EndpointConfig: { Aliases: ['db'], IPAMConfig: { IPv4Address: '172.30.0.9' } },
    })
    expect(bodyOf(requests, 1)).toEqual({ Container: 'web' })
    expect(bodyOf(requests, 2)).toEqual({ Container: 'web', Force: true })
  })
})
