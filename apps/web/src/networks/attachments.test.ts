import type { ContainerSummary } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { acceptsConnections, connectCandidates } from './attachments.ts'

const container = (
  id: string,
  name: string,
  state: ContainerSummary['state'],
  networks: string[],
): ContainerSummary => ({
  id,
  name,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  created: 0,
  state,
  status: '',
  ports: [],
  labels: {},
  networks,
  mounts: [],
})

describe('connectCandidates', () => {
  it('leaves out containers already on the network, by id or by network name', () => {
    const candidates = connectCandidates(
      [
        container('a1', '/on-by-id', 'running', ['bridge']),
        container('b2', '/on-by-name', 'exited', ['backend']),
        container('c3', '/free', 'running', ['bridge']),
      ],
      { name: 'backend', containers: [{ id: 'a1' }] },
    )
    expect(candidates.map((c) => c.name)).toEqual(['free'])
  })

  it('lists running containers first, then by name', () => {
    const candidates = connectCandidates(
      [
        container('1', '/zeta', 'running', []),
        container('2', '/alpha', 'exited', []),
        container('3', '/beta', 'running', []),
      ],
      { name: 'n', containers: [] },
    )
    expect(candidates.map((c) => c.name)).toEqual(['beta', 'zeta', 'alpha'])
  })
})

describe('acceptsConnections', () => {
  it('refuses the host and none networks only', () => {
    expect(acceptsConnections('bridge')).toBe(true)
    expect(acceptsConnections('host')).toBe(false)
    expect(acceptsConnections('null')).toBe(false)
  })
})
