import { describe, expect, it } from 'vitest'
import type { Container } from '@harbormaster/engine'
import { statusText, timelessTiming } from './container-status.ts'

const S = 1000
const M = 60 * S
const H = 60 * M

describe('statusText (the engine’s words)', () => {
  const now = Date.parse('2026-11-23T12:00:00Z')
  const base = { startedAt: now - 5 * M, finishedAt: undefined, exitCode: 0, health: undefined }

  it('writes every state as docker ps does', () => {
    expect(statusText({ ...base, state: 'running' }, now)).toBe('Up 5 minutes')
    expect(statusText({ ...base, state: 'running', health: 'healthy' }, now)).toBe(
      'Up 5 minutes (healthy)',
    )
    expect(statusText({ ...base, state: 'running', health: 'starting' }, now)).toBe(
      'Up 5 minutes (health: starting)',
    )
    expect(statusText({ ...base, state: 'paused' }, now)).toBe('Up 5 minutes (Paused)')
    expect(
      statusText({ ...base, state: 'exited', exitCode: 3, finishedAt: now - 2 * H }, now),
    ).toBe('Exited (3) 2 hours ago')
    expect(
      statusText({ ...base, state: 'restarting', exitCode: 1, finishedAt: now - 3 * S }, now),
    ).toBe('Restarting (1) 3 seconds ago')
    expect(statusText({ ...base, state: 'created', startedAt: undefined }, now)).toBe('Created')
    expect(statusText({ ...base, state: 'dead' }, now)).toBe('Dead')
    expect(statusText({ ...base, state: 'removing' }, now)).toBe('Removal In Progress')
  })
})

describe('timeless status from the list row', () => {
  const row = (state: Container['state'], status: string) => ({ state, status }) as Container

  it('needs no inspect for Created, Dead and Removal In Progress', () => {
    for (const [state, status] of [
      ['created', 'Created'],
      ['dead', 'Dead'],
      ['removing', 'Removal In Progress'],
    ] as const) {
      const timing = timelessTiming(row(state, status))
      expect(timing && statusText(timing, Date.now())).toBe(status)
    }
  })

  it('leaves every status that moves with time to inspect', () => {
    expect(timelessTiming(row('running', 'Up 5 minutes'))).toBeUndefined()
    expect(timelessTiming(row('exited', 'Exited (0) 2 hours ago'))).toBeUndefined()
    expect(timelessTiming(row('paused', 'Up 1 second (Paused)'))).toBeUndefined()
    expect(timelessTiming(row('created', 'Exited (0) 1 second ago'))).toBeUndefined()
  })
})
