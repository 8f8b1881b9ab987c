import type { SwarmNode, SwarmTask } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { toServiceSourcedLine } from './service-log-lines.ts'
import {
  groupTasksByNode,
  portsText,
  replicaCounts,
  shownTasks,
  updateWording,
} from './service-view.ts'

const task = (id: string, extra: Partial<SwarmTask> = {}): SwarmTask => ({
  id,
  serviceId: 's1',
  nodeId: 'n1',
  slot: 1,
  desiredState: 'running',
  state: 'running',
  message: 'started',
  timestamp: '2026-01-01T00:00:10Z',
  ...extra,
})

const node = (id: string, hostname: string): SwarmNode => ({
  id,
  hostname,
  role: 'worker',
  availability: 'active',
  state: 'ready',
  addr: '10.0.0.1',
  leader: false,
})

describe('groupTasksByNode', () => {
  it('groups by node named by host name, unplaced tasks last, a slot’s newest task first', () => {
    const groups = groupTasksByNode(
      [
        task('old1', {
          nodeId: 'n2',
          slot: 1,
          state: 'shutdown',
          timestamp: '2026-01-01T00:00:01Z',
        }),
        task('pending', { nodeId: undefined, slot: 3, state: 'pending' }),
        task('new1', { nodeId: 'n2', slot: 1 }),
        task('t2', { nodeId: 'n1', slot: 2 }),
        task('t0', { nodeId: 'gone', slot: 4 }),
      ],
      [node('n1', 'worker-b'), node('n2', 'worker-a')],
    )
    expect(groups.map((g) => [g.hostname, g.tasks.map((t) => t.id)])).toEqual([
      ['gone', ['t0']],
      ['worker-a', ['new1', 'old1']],
      ['worker-b', ['t2']],
      ['Not placed yet', ['pending']],
    ])
  })
})

describe('shownTasks', () => {
  const update = { state: 'updating', startedAt: '2026-01-01T00:00:05Z' }
  const tasks = [
    task('current'),
    task('starting', { state: 'starting' }),
    task('replaced', { desiredState: 'shutdown', state: 'shutdown' }),
    task('history', {
      desiredState: 'shutdown',
      state: 'shutdown',
      timestamp: '2026-01-01T00:00:01Z',
    }),
  ]

  it('shows what runs, what moves, and what the running update replaced; history on demand', () => {
    expect(shownTasks(tasks, update, false).map((t) => t.id)).toEqual([
      'current',
      'starting',
      'replaced',
    ])
    expect(shownTasks(tasks, undefined, false).map((t) => t.id)).toEqual(['current', 'starting'])
    expect(shownTasks(tasks, update, true)).toHaveLength(4)
  })
})

describe('replicaCounts', () => {
  it('counts running tasks against the replicas asked for, or the tasks meant to run', () => {
    const tasks = [
      task('a'),
      task('b', { state: 'starting' }),
      task('c', { desiredState: 'shutdown', state: 'running' }),
    ]
    expect(replicaCounts(tasks, { mode: { replicated: 3 } })).toEqual({ running: 1, desired: 3 })
    expect(replicaCounts(tasks, { mode: { global: true } })).toEqual({ running: 1, desired: 2 })
  })
})

describe('updateWording', () => {
  it('says the update states plainly', () => {
    expect(updateWording({ state: 'updating' })).toMatchObject({ label: 'updating', tone: 'info' })
    expect(updateWording({ state: 'paused' })).toMatchObject({ label: 'paused', tone: 'warn' })
    expect(updateWording({ state: 'completed' }).label).toBe('updated')
    expect(updateWording({ state: 'rollback_started' }).label).toBe('rolling back')
    expect(updateWording({ state: 'rollback_completed' })).toMatchObject({
      label: 'rolled back',
      tone: 'bad',
    })
    expect(updateWording({ state: 'some_new_state' })).toMatchObject({ label: 'some new state' })
  })
})

describe('portsText', () => {
  it('shows published→target/protocol and host mode', () => {
    expect(
      portsText([
        { protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host' },
        { protocol: 'udp', targetPort: 53 },
      ]),
    ).toBe('8080→80/tcp (host), 53/udp')
    expect(portsText([])).toBe('—')
  })
})

describe('toServiceSourcedLine', () => {
  it('prefixes a line with its task and node, or their short ids while unknown', () => {
    const line = { stream: 'stdout' as const, text: 'hi', task: 'abcdefabcdef1234', node: 'n1' }
    expect(toServiceSourcedLine('web', { ...line, slot: 2, hostname: 'm2' }).source).toEqual({
      label: 'web.2@m2',
      service: 'm2',
    })
    expect(toServiceSourcedLine('web', line).source?.label).toBe('abcdefabcdef@n1')
  })
})
