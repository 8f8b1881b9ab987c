import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toSwarmNode, toSwarmSecret } from './to-swarm-node.ts'

const list = (name: string): unknown[] => loadFixture(name) as unknown[]

describe('toSwarmNode (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  it('maps a manager node', () => {
    expect(list('v1.51/nodes-list.json').map(toSwarmNode)).toEqual([
      {
        id: '24ifsmvkjbyhk',
        hostname: 'bf3067039e47',
        role: 'manager',
        availability: 'active',
        state: 'ready',
        addr: '172.17.0.2',
        leader: true,
        managerReachability: 'reachable',
        engineVersion: '17.06.0',
        managerAddr: '10.0.0.46:2377',
        resources: { nanoCpus: 4000000000, memoryBytes: 8272408576 },
        platform: { os: 'linux', architecture: 'x86_64' },
        labels: { foo: 'bar' },
        version: 373531,
      },
    ])
  })

  it('reads a worker without ManagerStatus', () => {
    const node = toSwarmNode({ ID: 'w1', Spec: { Role: 'worker', Availability: 'drain' } })
    expect(node).toMatchObject({ role: 'worker', availability: 'drain', leader: false })
    expect(node).not.toHaveProperty('managerReachability')
  })
})

describe('toSwarmSecret (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  it('maps secret metadata', () => {
    expect(list('v1.51/secrets-list.json').map(toSwarmSecret)).toEqual([
      {
        id: 'blt1owaxmitz71s9v5zh81zun',
        name: 'mysql-passwd',
        labels: { 'some.label': 'some.value' },
        createdAt: '2017-07-20T13:55:28.678958722Z',
        updatedAt: '2017-07-20T13:55:28.678958722Z',
      },
      {
        id: 'ktnbjxoalbkvbvedmg1urrz8h',
        name: 'app-dev.crt',
        labels: { foo: 'bar' },
        createdAt: '2016-11-05T01:20:17.327670065Z',
        updatedAt: '2016-11-05T01:20:17.327670065Z',
      },
    ])
  })

  it('maps config metadata and never carries Spec.Data', () => {
    const [config] = list('v1.51/configs-list.json').map(toSwarmSecret)
    expect(config?.name).toBe('server.conf')
    const withData = toSwarmSecret({ ID: 'c1', Spec: { Name: 'app.conf', Data: 'c2VjcmV0' } })
    expect(JSON.stringify(withData)).not.toContain('c2VjcmV0')
  })
})
