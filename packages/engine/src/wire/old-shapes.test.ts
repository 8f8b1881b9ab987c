import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toContainerDetails } from '../containers/to-container-details.ts'
import { toContainer } from '../containers/to-container.ts'
import { parseEventLine } from '../events/engine-event.ts'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { asArray } from './wire-read.ts'
import { containerListItemAsOf } from './as-of-version.ts'

// Real answers of the engine pinned to /v1.15 (fixtures/v1.15/README.md).
const list = asArray(loadFixture('v1.15/containers-list.json'))
const lines = readFileSync(new URL('../fixtures/v1.15/events.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)

describe('container lists before 1.23', () => {
  it('derives each state from the Status text once State is gone', () => {
    const at = (version: string) =>
      list.map((item) => toContainer(containerListItemAsOf(item, version)))
    const pinned = at('1.15').map((c) => c.state)
    expect(pinned).toEqual(['created', 'running', 'exited'])
    expect(at('1.41').map((c) => c.state)).toEqual(pinned)
    // No Mounts before 1.20, no NetworkSettings.Networks before 1.21.
    expect(at('1.15').every((c) => c.mounts.length === 0)).toBe(true)
    expect(at('1.15').every((c) => Object.keys(c.networks).length === 0)).toBe(true)
    expect(at('1.21').every((c) => Object.keys(c.networks).length === 1)).toBe(true)
  })

  it('reads the v1.15 reference example, whose Status says "Exit 0"', () => {
    const reference = {
      Id: '8dfafdbc3a40',
      Image: 'ubuntu:latest',
      Command: 'echo 1',
      Created: 1367854155,
      Status: 'Exit 0',
      Ports: [{ PrivatePort: 2222, PublicPort: 3333, Type: 'tcp' }],
      SizeRw: 12288,
      SizeRootFs: 0,
    }
    expect(toContainer(containerListItemAsOf(reference, '1.15'))).toMatchObject({
      id: '8dfafdbc3a40',
      name: '',
      state: 'exited',
      ports: [{ privatePort: 2222, publicPort: 3333, type: 'tcp' }],
    })
  })

  it.each([
    ['Up 3 minutes (Paused)', 'paused'],
    ['Up 2 hours (healthy)', 'running'],
    ['Restarting (1) 5 seconds ago', 'restarting'],
    ['Dead', 'dead'],
    ['Removal In Progress', 'removing'],
  ])('reads "%s" as %s', (Status, state) => {
    expect(toContainer({ Id: 'a', Status }).state).toBe(state)
  })
})

describe('container inspect before 1.21', () => {
  const doc = loadFixture('v1.15/container-inspect.json')

  it('reads the state from its flags and the mounts from Volumes', () => {
    const details = toContainerDetails(doc, '1.15')
    expect(details.state).toMatchObject({ status: 'exited', running: false, exitCode: 137 })
    expect(details.mounts).toEqual([])
    expect(details.networks).toEqual({})
  })

  it('maps legacy Volumes and a top-level address', () => {
    const legacy = {
      Id: 'b',
      State: { Running: true, StartedAt: '2014-01-01T00:00:00Z' },
      HostConfig: { NetworkMode: 'default' },
      NetworkSettings: { IPAddress: '172.17.0.2', IPPrefixLen: 16, Gateway: '172.17.0.1' },
      Volumes: { '/data': '/var/lib/docker/volumes/abc/_data', '/srv': '/srv' },
      VolumesRW: { '/data': true, '/srv': false },
    }
    const details = toContainerDetails(legacy, '1.15')
    expect(details.state.status).toBe('running')
    expect(details.networks).toEqual({
      bridge: {
        networkId: '',
        aliases: [],
        ipAddress: '172.17.0.2',
        ipPrefixLength: 16,
        gateway: '172.17.0.1',
      },
    })
    expect(details.mounts).toEqual([
      {
        type: 'volume',
        source: '/var/lib/docker/volumes/abc/_data',
        destination: '/data',
        mode: '',
        readWrite: true,
      },
      { type: 'bind', source: '/srv', destination: '/srv', mode: '', readWrite: false },
    ])
  })
})

describe('events before 1.22', () => {
  const at = (version: string) => lines.map((line) => parseEventLine(line, version))

  it('reads the same type, action and actor from status, id and from alone', () => {
    const old = at('1.15')
    const typed = at('1.41')
    expect(old.map((e) => [e.type, e.action, e.actorId])).toEqual(
      typed.map((e) => [e.type, e.action, e.actorId]),
    )
    expect(old.some((e) => e.type === 'image' && e.action === 'untag')).toBe(true)
    const created = old.find((e) => e.type === 'container' && e.action === 'create')
    expect(created?.attributes).toEqual({ image: expect.any(String) as string })
  })

  it('reads the v1.15 reference example as a container event', () => {
    const event = parseEventLine(
      '{"status": "create", "id": "dfdf82bd3881","from": "ubuntu:latest", "time":1374067924}',
      '1.15',
    )
    expect(event).toMatchObject({
      type: 'container',
      action: 'create',
      actorId: 'dfdf82bd3881',
      attributes: { image: 'ubuntu:latest' },
      timeNano: '1374067924000000000',
    })
  })
})
