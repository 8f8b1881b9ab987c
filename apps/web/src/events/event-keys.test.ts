import { describe, expect, it } from 'vitest'
import { keysForEvent } from './event-keys.ts'

describe('keysForEvent', () => {
  it('marks the host’s container queries stale on a container event', () => {
    expect(keysForEvent('local', { type: 'container', action: 'start' })).toContainEqual([
      'hosts',
      'local',
      'containers',
    ])
  })

  it('refreshes containers too when networks change (their network column)', () => {
    expect(keysForEvent('h1', { type: 'network', action: 'connect' })).toContainEqual([
      'hosts',
      'h1',
      'containers',
    ])
  })

  it('does not refresh containers for exec sessions', () => {
    expect(keysForEvent('h1', { type: 'container', action: 'exec_start: sh' })).toEqual([
      ['hosts', 'h1', 'timeline'],
      ['hosts', 'h1', 'system', 'events'],
    ])
  })

  it('refreshes the swarm views on swarm events and on container events (tasks)', () => {
    expect(keysForEvent('h1', { type: 'service', action: 'update' })).toEqual([
      ['hosts', 'h1', 'timeline'],
      ['hosts', 'h1', 'swarm'],
    ])
    expect(keysForEvent('h1', { type: 'container', action: 'die' })).toContainEqual([
      'hosts',
      'h1',
      'swarm',
    ])
  })

  it('refreshes images and volumes (their users) when a container is created or removed', () => {
    for (const action of ['create', 'destroy']) {
      const keys = keysForEvent('h1', { type: 'container', action })
      expect(keys).toContainEqual(['hosts', 'h1', 'images'])
      expect(keys).toContainEqual(['hosts', 'h1', 'volumes'])
    }
  })

  it('leaves images and volumes alone when a container only changes state', () => {
    for (const action of ['start', 'die', 'stop', 'rename']) {
      const keys = keysForEvent('h1', { type: 'container', action })
      expect(keys).not.toContainEqual(['hosts', 'h1', 'images'])
      expect(keys).not.toContainEqual(['hosts', 'h1', 'volumes'])
    }
  })

  it('refreshes the stacks list and pages, not their stored files, on a container event', () => {
    const keys = keysForEvent('h1', { type: 'container', action: 'die' })
    expect(keys).toContainEqual(['hosts', 'h1', 'stacks', 'list'])
    expect(keys).toContainEqual(['hosts', 'h1', 'stacks', 'detail'])
    expect(keys).not.toContainEqual(['hosts', 'h1', 'stacks'])
  })

  it('refreshes only the timeline on event types no other view shows', () => {
    expect(keysForEvent('h1', { type: 'plugin', action: 'enable' })).toEqual([
      ['hosts', 'h1', 'timeline'],
    ])
  })
})
