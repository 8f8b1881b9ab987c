// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { Host, JoinTokens, SwarmClusterView, SwarmNode } from '@harbormaster/contract'
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { type FakeRequest, json, serveFetch } from '../../../test/fake-server.ts'
import { hostFixture } from '../../../test/fixtures.ts'
import { renderPage } from '../../../test/render-page.tsx'
import { hostKeys } from '../../hosts/queries.ts'
import { swarmStatusOptions } from '../queries.ts'
import { SwarmPage } from '../swarm-page.tsx'
import { joinTokensOptions } from './cluster-queries.ts'

const cluster: SwarmClusterView = {
  id: 'swarm-1',
  createdAt: '2026-12-07T05:00:00Z',
  settings: {
    taskHistoryLimit: 5,
    heartbeatPeriodSeconds: 5,
    nodeCertExpirySeconds: 7_776_000,
    autolock: false,
  },
}

const leader: SwarmNode = {
  id: 'node-m1',
  hostname: 'hmc-m1',
  role: 'manager',
  availability: 'active',
  state: 'ready',
  addr: '10.0.0.11',
  managerAddr: '10.0.0.11:2377',
  leader: true,
}

const TOKENS: JoinTokens = { worker: 'SWMTKN-1-worker', manager: 'SWMTKN-1-manager' }

function answer(request: FakeRequest): Response {
  if (request.path === '/api/hosts/h1/swarm/cluster/join-tokens/rotate')
    return json({ ...TOKENS, worker: 'SWMTKN-1-rotated' })
  if (request.path === '/api/hosts/h1/swarm/cluster/join-tokens') return json(TOKENS)
  if (request.path === '/api/hosts/h1/swarm/cluster')
    return request.method === 'PATCH'
      ? json({ ...cluster, settings: { ...cluster.settings, taskHistoryLimit: 10 } })
      : json(cluster)
  if (request.path === '/api/hosts/h1/swarm/nodes') return json([leader])
  return json([])
}

function renderTab(role: Host['role'], tab = 'cluster') {
  const requests = serveFetch(answer)
  const { client } = renderPage({
    path: `/hosts/h1/swarm/${tab}`,
    route: '/hosts/:hostId/swarm/:tab?',
    component: SwarmPage,
    seed: (c) => {
      c.setQueryData(hostKeys.list(), [hostFixture(role)])
      c.setQueryData(swarmStatusOptions('h1').queryKey, { manager: true })
    },
  })
  return { requests, client, user: userEvent.setup() }
}

const asked = (requests: FakeRequest[], path: string) =>
  requests.filter((r) => r.path.startsWith(`/api/hosts/h1/swarm/cluster${path}`))

describe('Cluster tab', () => {
  it('asks for the join tokens only on Reveal, shows the join commands, and forgets them on leaving', async () => {
    const { requests, client, user } = renderTab('admin')
    await screen.findByRole('region', { name: 'Settings' })
    expect(asked(requests, '/join-tokens')).toEqual([])
    expect(screen.queryByText(/SWMTKN/)).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Reveal' }))
    expect(
      await screen.findByText('docker swarm join --token SWMTKN-1-worker 10.0.0.11:2377'),
    ).toBeTruthy()
    expect(
      screen.getByText('docker swarm join --token SWMTKN-1-manager 10.0.0.11:2377'),
    ).toBeTruthy()
    expect(asked(requests, '/join-tokens')).toHaveLength(1)

    // Hiding them unmounts what holds them: the cache lets them go at once.
    await user.click(screen.getByRole('button', { name: 'Hide' }))
    expect(client.getQueryData(joinTokensOptions('h1').queryKey)).toBeUndefined()
    await user.click(screen.getByRole('button', { name: 'Reveal' }))
    await screen.findByText(/SWMTKN-1-worker/)
    expect(asked(requests, '/join-tokens')).toHaveLength(2)

    cleanup()
    expect(client.getQueryData(joinTokensOptions('h1').queryKey)).toBeUndefined()
    expect(
      JSON.stringify(
        client
          .getQueryCache()
          .getAll()
          .map((q) => q.state.data),
      ),
    ).not.toContain('SWMTKN')
  })

  it('rotates the worker token after a confirm and shows the new one', async () => {
    const { requests, user } = renderTab('admin')
    await user.click(await screen.findByRole('button', { name: 'Reveal' }))
    await user.click(await screen.findByRole('button', { name: 'Rotate worker token…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Rotate the worker token?' })
    expect(asked(requests, '/join-tokens/rotate')).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Rotate worker token' }))

    expect(await screen.findByText(/SWMTKN-1-rotated/)).toBeTruthy()
    expect(asked(requests, '/join-tokens/rotate').map((r) => r.body)).toEqual([
      { worker: true, manager: false },
    ])
  })

  it('saves only the settings that changed, and refuses values outside the server’s bounds', async () => {
    const { requests, user } = renderTab('admin')
    const history = await screen.findByLabelText('Task history limit')
    const heartbeat = screen.getByLabelText('Heartbeat period (seconds)')
    await user.clear(heartbeat)
    await user.type(heartbeat, '0')
    expect(screen.getByText('Enter a number from 1 to 3600')).toBeTruthy()
    const save = screen.getByRole('button', { name: 'Save settings' })
    expect(save.hasAttribute('disabled')).toBe(true)

    await user.clear(heartbeat)
    await user.type(heartbeat, '5')
    await user.clear(history)
    await user.type(history, '10')
    await user.click(save)
    await waitFor(() => {
      expect(
        asked(requests, '')
          .filter((r) => r.method === 'PATCH')
          .map((r) => r.body),
      ).toEqual([{ taskHistoryLimit: 10 }])
    })
  })

  it('is not offered to operators or viewers, and their page never asks for the settings', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      cleanup()
      const { requests } = renderTab(role)
      const tabs = await screen.findByRole('navigation', { name: 'Swarm views' })
      expect(within(tabs).queryByRole('link', { name: 'Cluster' })).toBeNull()
      expect(within(tabs).getByRole('link', { name: 'Nodes' })).toBeTruthy()
      expect(screen.queryByRole('button', { name: 'Reveal' })).toBeNull()
      expect(asked(requests, '')).toEqual([])
    }
  })
})
