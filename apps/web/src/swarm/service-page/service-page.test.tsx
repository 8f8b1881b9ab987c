// @vitest-environment jsdom
import '../../../test/dom.ts'
import type { Host, ServiceDetails, SwarmNode, SwarmTask } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { hostFixture } from '../../../test/fixtures.ts'
import { setupLivePeer } from '../../../test/live-peer.ts'
import { renderPage } from '../../../test/render-page.tsx'
import { hostKeys } from '../../hosts/queries.ts'
import { swarmKeys } from '../queries.ts'
import { ServicePage } from './service-page.tsx'

// The service page over a peer that plays the server's tasks socket; the rest is seeded.
const live = setupLivePeer()

const details: ServiceDetails = {
  id: 's1-0123456789',
  version: 12,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:05Z',
  settings: {
    name: 'web',
    image: 'nginx:1.27',
    mode: { replicated: 2 },
  },
  unmodelled: [],
  previousSettings: { name: 'web', image: 'nginx:1.26' },
  maskedEnv: [],
}

const nodes: SwarmNode[] = ['m1', 'w1'].map((hostname) => ({
  id: `id-${hostname}`,
  hostname,
  role: 'worker',
  availability: 'active',
  state: 'ready',
  addr: '10.0.0.1',
  leader: false,
}))

const task = (
  id: string,
  node: string,
  slot: number,
  state: string,
  desired: string,
): SwarmTask => ({
  id,
  serviceId: details.id,
  nodeId: `id-${node}`,
  slot,
  desiredState: desired,
  state,
  message: state,
  timestamp: '2026-01-01T00:00:06Z',
})

function renderService(role: Host['role']) {
  return renderPage({
    path: '/hosts/h1/swarm/services/web',
    route: '/hosts/:hostId/swarm/services/:id',
    component: ServicePage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData([...swarmKeys.all('h1'), 'service', 'web'], details)
      client.setQueryData([...swarmKeys.all('h1'), 'nodes'], nodes)
      client.setQueryData([...swarmKeys.all('h1'), 'services'], [])
    },
  })
}

describe('ServicePage', () => {
  it('shows the tasks the server pushes, by node, and the update said plainly', async () => {
    renderService('viewer')
    const conn = await live.peer.connection(0)
    expect(conn.url).toBe(`/api/hosts/h1/swarm/services/${details.id}/tasks/live`)

    conn.send({
      type: 'tasks',
      version: 13,
      settled: false,
      updateStatus: { state: 'updating', startedAt: '2026-01-01T00:00:05Z' },
      tasks: [
        task('new1', 'w1', 1, 'running', 'running'),
        task('old1', 'w1', 1, 'shutdown', 'shutdown'),
        task('old2', 'm1', 2, 'running', 'running'),
      ],
    })
    const onW1 = within(await screen.findByRole('region', { name: 'Tasks on w1' }))
    expect(onW1.getAllByRole('row').map((r) => r.dataset.taskState)).toEqual([
      undefined,
      'running',
      'shutdown',
    ])
    expect(screen.getByRole('region', { name: 'Tasks on m1' })).toBeTruthy()
    expect(screen.getByLabelText('Replicas running of desired').textContent).toBe('2/2')
    expect(screen.getByText('updating')).toBeTruthy()

    conn.send({
      type: 'tasks',
      version: 14,
      settled: true,
      updateStatus: { state: 'rollback_completed', message: 'rollback completed' },
      tasks: [task('old2', 'm1', 2, 'running', 'running')],
    })
    await waitFor(() => {
      expect(screen.getByText('rolled back')).toBeTruthy()
    })
    expect(screen.getByText(/The engine says: “rollback completed”/)).toBeTruthy()
    // A viewer changes nothing.
    expect(screen.queryByRole('button', { name: 'Scale' })).toBeNull()
  })

  it('offers an operator scale, rollback, redeploy, edit and remove', async () => {
    renderService('operator')
    await live.peer.connection(0)
    await screen.findByText('live')
    for (const name of ['Scale', 'Roll back', 'Force redeploy', 'Remove'])
      expect(screen.getByRole('button', { name })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Edit' }).getAttribute('href')).toBe(
      `/hosts/h1/swarm/services/${details.id}/edit`,
    )
  })
})
