import type { SwarmService, SwarmTask } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { replicasText, sortTasks, taskNamers } from './swarm-view.ts'

const service = (id: string, name: string, extra: Partial<SwarmService> = {}): SwarmService => ({
  id,
  name,
  image: 'busybox',
  mode: 'replicated',
  labels: {},
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  ports: [],
  ...extra,
})

const task = (id: string, serviceId: string, slot: number, timestamp: string): SwarmTask => ({
  id,
  serviceId,
  slot,
  desiredState: 'running',
  state: 'running',
  message: 'started',
  timestamp,
})

describe('replicasText', () => {
  it('shows running over desired, like docker service ls', () => {
    expect(replicasText(service('s', 'web', { runningTasks: 2, desiredTasks: 3 }))).toBe('2/3')
    expect(replicasText(service('s', 'web', { replicas: 3 }))).toBe('?/3')
  })
})

describe('taskNamers', () => {
  it('names services and nodes, or shows a short id', () => {
    const { serviceName, nodeName } = taskNamers(
      [service('s1', 'web')],
      [
        {
          id: 'n1',
          hostname: 'box',
          role: 'manager',
          availability: 'active',
          state: 'ready',
          addr: '10.0.0.1',
          leader: true,
        },
      ],
    )
    expect(serviceName('s1')).toBe('web')
    expect(serviceName('0123456789abcdef')).toBe('0123456789ab')
    expect(nodeName('n1')).toBe('box')
    expect(nodeName(undefined)).toBe('—')
  })
})

describe('sortTasks', () => {
  it('orders by service, then slot, newest attempt first', () => {
    const names: Record<string, string> = { a: 'api', w: 'web' }
    const sorted = sortTasks(
      [
        task('t1', 'w', 1, '2024-01-01T00:00:00Z'),
        task('t2', 'a', 2, '2024-01-01T00:00:00Z'),
        task('t3', 'a', 1, '2024-01-01T00:00:00Z'),
        task('t4', 'a', 1, '2024-01-02T00:00:00Z'),
      ],
      (id) => names[id] ?? id,
    )
    expect(sorted.map((t) => t.id)).toEqual(['t4', 't3', 't2', 't1'])
  })
})
