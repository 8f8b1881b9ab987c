import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toService } from './to-service.ts'

describe('toService (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  it('maps a replicated service with its published port', () => {
    const [service] = (loadFixture('v1.51/services-list.json') as unknown[]).map(toService)
    expect(service).toEqual({
      id: '9mnpnzenvg8p8tdbtq4wvbkcz',
      name: 'hopeful_cori',
      image: 'redis',
      mode: 'replicated',
      replicas: 1,
      labels: {},
      createdAt: '2016-06-07T21:05:51.880065305Z',
      updatedAt: '2016-06-07T21:07:29.962229872Z',
      ports: [{ protocol: 'tcp', targetPort: 6379, publishedPort: 30001 }],
      version: 19,
      tty: false,
    })
  })
})

describe('toService (modes and status of API 1.41, docs/engine.md#swarm)', () => {
  const service = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    toService({ ID: 's1', Spec: { Name: 'web', ...spec }, ...extra })

  it('tells the four modes apart', () => {
    expect(service({ Mode: { Global: {} } }).mode).toBe('global')
    expect(service({ Mode: { ReplicatedJob: { TotalCompletions: 3 } } }).mode).toBe(
      'replicated-job',
    )
    expect(service({ Mode: { GlobalJob: {} } }).mode).toBe('global-job')
    expect(service({ Mode: { Replicated: { Replicas: 2 } } })).toMatchObject({
      mode: 'replicated',
      replicas: 2,
    })
  })

  it('reads ServiceStatus counts, the TTY flag and spec ports not yet assigned', () => {
    const mapped = service(
      {
        TaskTemplate: { ContainerSpec: { Image: 'nginx:1.27@sha256:abc', TTY: true } },
        EndpointSpec: { Ports: [{ Protocol: 'udp', TargetPort: 53, PublishMode: 'host' }] },
      },
      { ServiceStatus: { RunningTasks: 1, DesiredTasks: 2, CompletedTasks: 0 } },
    )
    expect(mapped).toMatchObject({
      image: 'nginx:1.27@sha256:abc',
      tty: true,
      runningTasks: 1,
      desiredTasks: 2,
      completedTasks: 0,
      ports: [{ protocol: 'udp', targetPort: 53, publishMode: 'host' }],
    })
  })

  it('leaves the counts out without status=true', () => {
    const mapped = service({ Mode: { Replicated: { Replicas: 1 } } })
    expect(mapped).not.toHaveProperty('runningTasks')
    expect(mapped).not.toHaveProperty('desiredTasks')
  })
})
