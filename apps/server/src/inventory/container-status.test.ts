import { describe, expect, it } from 'vitest'
import { humanDuration, statusText } from './container-status.ts'

const S = 1000
const M = 60 * S
const H = 60 * M

describe('humanDuration (go-units)', () => {
  it.each([
    [500, 'Less than a second'],
    [1 * S, '1 second'],
    [59 * S, '59 seconds'],
    [60 * S, 'About a minute'],
    [119 * S, 'About a minute'],
    [2 * M, '2 minutes'],
    [59 * M, '59 minutes'],
    [60 * M, 'About an hour'],
    [89 * M, 'About an hour'],
    [90 * M, '2 hours'],
    [47 * H, '47 hours'],
    [48 * H, '2 days'],
    [14 * 24 * H, '2 weeks'],
    [60 * 24 * H, '2 months'],
    [2 * 365 * 24 * H, '2 years'],
  ])('%i ms is "%s"', (ms, text) => {
    expect(humanDuration(ms)).toBe(text)
  })
})

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
