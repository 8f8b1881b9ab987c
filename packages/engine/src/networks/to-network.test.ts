import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toNetwork, toNetworkDetails } from './to-network.ts'

describe('toNetwork (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  const [bridge, none] = (loadFixture('v1.51/networks-list.json') as unknown[]).map(toNetwork)

  it('maps a list item', () => {
    expect(bridge).toEqual({
      id: 'f2de39df4171b0dc801e8002d1d999b77256983dfc63041c0f34030aa3977566',
      name: 'bridge',
      driver: 'bridge',
      scope: 'local',
      internal: false,
      attachable: false,
      ingress: false,
      enableIPv6: false,
      created: '2016-10-19T06:21:00.416543526Z',
      labels: {},
      ipam: { driver: 'default', config: [{ subnet: '172.17.0.0/16' }] },
      options: expect.objectContaining({ 'com.docker.network.bridge.name': 'docker0' }) as unknown,
    })
  })

  it('drops the zero Created time and the empty Containers map of a list', () => {
    expect(none).not.toHaveProperty('created')
    expect(none).not.toHaveProperty('containers')
    expect(none?.ipam.config).toEqual([])
  })

  it('maps an inspect with its attached containers', () => {
    const network = toNetworkDetails(loadFixture('v1.51/network-inspect.json'))
    expect(network.ipam.config).toEqual([
      { subnet: '172.20.0.0/16', ipRange: '172.20.10.0/24', gateway: '172.20.10.11' },
    ])
    expect(network.containers).toEqual({
      '19a4d5d687db25203351ed79d478946f861258f018fe384f229f2efa4b23513c': {
        name: 'test',
        ipv4Address: '172.19.0.2/16',
        macAddress: '02:42:ac:13:00:02',
      },
    })
    expect(network.labels).toHaveProperty(['com.example.some-label'], 'some-value')
  })
})

describe('toNetwork (older and sparser documents)', () => {
  it('reads the v1.23 shape: no Created, Labels or Ingress, endpoints without names', () => {
    const network = toNetworkDetails({
      Name: 'bridge',
      Id: 'f2de',
      Scope: 'local',
      Driver: 'bridge',
      IPAM: { Driver: 'default', Config: null },
      Containers: { '39b6': { EndpointID: 'ed24', IPv4Address: '172.17.0.2/16', IPv6Address: '' } },
      Options: null,
    })
    expect(network).toMatchObject({ ingress: false, labels: {}, options: {} })
    expect(network.containers).toEqual({ '39b6': { ipv4Address: '172.17.0.2/16' } })
    expect(network.ipam.config).toEqual([])
  })

  it('gives an inspect without Containers an empty map', () => {
    expect(toNetworkDetails({ Name: 'host' }).containers).toEqual({})
  })
})
