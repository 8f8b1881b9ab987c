import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toTask } from './to-task.ts'

describe('toTask (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  const [running, shutdown] = (loadFixture('v1.51/tasks-list.json') as unknown[]).map(toTask)

  it('maps a running task without a meaningless exit code', () => {
    expect(running).toEqual({
      id: '0kzzo1i0y4jz6027t0k7aezc7',
      serviceId: '9mnpnzenvg8p8tdbtq4wvbkcz',
      nodeId: '60gvrl6tm78dmak4yl7srz94v',
      slot: 1,
      desiredState: 'running',
      state: 'running',
      message: 'started',
      containerId: 'e5d62702a1b48d01c3e02ca1e0212a250801fa8d67caca0b6f35919ebc12f035',
      timestamp: '2016-06-07T21:07:31.290032978Z',
    })
  })

  it('maps a shut-down task', () => {
    expect(shutdown).toMatchObject({
      state: 'shutdown',
      desiredState: 'shutdown',
      message: 'shutdown',
    })
    expect(shutdown).not.toHaveProperty('exitCode')
  })
})

describe('toTask (states of API 1.41, docs/engine.md#swarm)', () => {
  it('keeps the error and exit code of a failed task', () => {
    const task = toTask({
      ID: 't1',
      ServiceID: 's1',
      NodeID: 'n1',
      Slot: 2,
      DesiredState: 'shutdown',
      Status: {
        Timestamp: '2026-11-23T13:00:00Z',
        State: 'failed',
        Message: 'started',
        Err: 'task: non-zero exit (3)',
        ContainerStatus: { ContainerID: 'c1', PID: 0, ExitCode: 3 },
      },
    })
    expect(task).toMatchObject({ state: 'failed', error: 'task: non-zero exit (3)', exitCode: 3 })
  })

  it('reads a pending global task without node or slot', () => {
    const task = toTask({ ID: 't2', Status: { State: 'pending' }, DesiredState: 'running' })
    expect(task).not.toHaveProperty('nodeId')
    expect(task).not.toHaveProperty('slot')
    expect(task.state).toBe('pending')
  })
})
