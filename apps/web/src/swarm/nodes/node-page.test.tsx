// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { DrainEffect, Host, SwarmNodeDetails, SwarmTask } from '@harbormaster/contract'
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { type FakeRequest, json, serveFetch } from '../../../test/fake-server.ts'
import { hostFixture } from '../../../test/fixtures.ts'
import { renderPage } from '../../../test/render-page.tsx'
import { hostKeys } from '../../hosts/queries.ts'
import { isDraining, nodeDetailOptions } from './node-queries.ts'
import { NodePage } from './node-page.tsx'

const task = (overrides: Partial<SwarmTask>): SwarmTask => ({
  id: 'task-1',
  serviceId: 'svc-web',
  nodeId: 'node-w1',
  slot: 1,
  desiredState: 'running',
  state: 'running',
  message: 'started',
  timestamp: '2026-12-07T05:00:00Z',
  ...overrides,
})

const w1: SwarmNodeDetails = {
  id: 'node-w1',
  hostname: 'hmc-w1',
  role: 'worker',
  availability: 'active',
  state: 'ready',
  addr: '10.0.0.13',
  leader: false,
  engineVersion: '28.0.0',
  resources: { nanoCpus: 2e9, memoryBytes: 2 ** 31 },
  labels: { zone: 'a', disk: 'ssd' },
  tasks: [task({})],
}

const services = [
  {
    id: 'svc-web',
    name: 'web',
    image: 'nginx',
    mode: 'replicated',
    labels: {},
    createdAt: '2026-12-07T05:00:00Z',
    updatedAt: '2026-12-07T05:00:00Z',
    ports: [],
  },
]

/** The node page for a user of `role`; `answer` stands in for the server after the seeded node. */
function renderNode(role: Host['role'], answer: (request: FakeRequest) => Response) {
  const requests = serveFetch((request) =>
    request.path === '/api/hosts/h1/swarm/services'
      ? json(services)
      : request.path === '/api/hosts/h1/swarm/nodes'
        ? json([w1])
        : answer(request),
  )
  renderPage({
    path: '/hosts/h1/swarm/nodes/node-w1',
    route: '/hosts/:hostId/swarm/nodes/:id',
    component: NodePage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(nodeDetailOptions('h1', 'node-w1').queryKey, w1)
    },
  })
  return { requests, user: userEvent.setup() }
}

const updated = (node: SwarmNodeDetails) => json({ node })

describe('NodePage', () => {
  it('shows the node and its tasks, each service linking to its page', async () => {
    renderNode('viewer', () => json({}, 404))

    expect(screen.getByRole('heading', { name: 'hmc-w1' })).toBeTruthy()
    expect(screen.getByText('2GiB')).toBeTruthy()
    const link = await screen.findByRole('link', { name: 'web' })
    expect(link.getAttribute('href')).toBe('/hosts/h1/swarm/services/svc-web')
  })

  it('offers no node changes to viewers and operators (the route is admin-only)', () => {
    for (const role of ['viewer', 'operator'] as const) {
      cleanup()
      renderNode(role, () => json({}, 404))
      expect(screen.getByRole('heading', { name: 'hmc-w1' })).toBeTruthy()
      for (const name of ['Drain…', 'Pause', 'Labels…', 'Promote…'])
        expect(screen.queryByRole('button', { name })).toBeNull()
    }
    cleanup()
    renderNode('admin', () => json({}, 404))
    expect(screen.getByRole('button', { name: 'Drain…' })).toBeTruthy()
  })

  it('previews a drain (what moves, what stops) and drains only once confirmed', async () => {
    const effect: DrainEffect = {
      moves: [{ ...task({}), serviceName: 'web' }],
      stops: [
        {
          ...task({ id: 'task-g', serviceId: 'svc-agent', slot: undefined }),
          serviceName: 'agent',
        },
      ],
    }
    let node = w1
    const { requests, user } = renderNode('admin', (request) => {
      if (request.method === 'PATCH') {
        node = { ...w1, availability: 'drain', tasks: [] }
        return updated(node)
      }
      return request.path.endsWith('/drain') ? json(effect) : json(node)
    })
    await user.click(screen.getByRole('button', { name: 'Drain…' }))

    const dialog = await screen.findByRole('dialog', { name: 'Drain hmc-w1?' })
    const moves = await within(dialog).findByRole('region', { name: 'Tasks that move' })
    expect(moves.textContent).toContain('This task moves to other nodes')
    expect(moves.textContent).toContain('web.1')
    const stops = within(dialog).getByRole('region', { name: 'Tasks that stop' })
    expect(stops.textContent).toContain('This global task stops')
    expect(stops.textContent).toContain('agent')
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([])

    await user.click(within(dialog).getByRole('button', { name: 'Drain hmc-w1' }))
    await waitFor(() => {
      expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
        { availability: 'drain' },
      ])
    })
    expect(await screen.findByRole('button', { name: 'Set active' })).toBeTruthy()
  })

  it('shows the server’s refusal of a drain as it words it', async () => {
    const { user } = renderNode('admin', (request) =>
      request.method === 'PATCH'
        ? json(
            {
              error: {
                code: 'forbidden',
                message: 'Changing a swarm node needs a grant on the whole host',
              },
            },
            403,
          )
        : json({ moves: [], stops: [] }),
    )
    await user.click(screen.getByRole('button', { name: 'Drain…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Drain hmc-w1?' })
    await within(dialog).findByText('No task runs here: nothing moves or stops.')
    await user.click(within(dialog).getByRole('button', { name: 'Drain hmc-w1' }))
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Changing a swarm node needs a grant on the whole host',
    )
  })

  it('builds the labels PATCH from the editor: changed and new labels added, dropped ones removed', async () => {
    const { requests, user } = renderNode('admin', (request) =>
      request.method === 'PATCH' ? updated(w1) : json(w1),
    )
    await user.click(screen.getByRole('button', { name: 'Labels…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Labels of hmc-w1' })
    const save = within(dialog).getByRole('button', { name: 'Save labels' })
    expect(save.hasAttribute('disabled')).toBe(true)

    // Rows are sorted by key: disk=ssd, zone=a, then a blank one.
    await user.click(within(dialog).getByRole('button', { name: 'Remove label disk' }))
    const zone = within(dialog).getByLabelText('Label 1 value')
    await user.clear(zone)
    await user.type(zone, 'b')
    await user.type(within(dialog).getByLabelText('Label 2 key'), 'gpu')
    await user.type(within(dialog).getByLabelText('Label 2 value'), 'yes')
    await user.click(save)

    await waitFor(() => {
      expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
        { labels: { add: { zone: 'b', gpu: 'yes' }, remove: ['disk'] } },
      ])
    })
  })

  it('refuses a label key named twice before sending anything', async () => {
    const { requests, user } = renderNode('admin', () => updated(w1))
    await user.click(screen.getByRole('button', { name: 'Labels…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Labels of hmc-w1' })
    await user.type(within(dialog).getByLabelText('Label 3 key'), 'zone')
    expect(within(dialog).getByText('The key zone is named twice')).toBeTruthy()
    expect(
      within(dialog).getByRole('button', { name: 'Save labels' }).hasAttribute('disabled'),
    ).toBe(true)
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([])
  })
})

describe('isDraining (the node page polls its tasks only then)', () => {
  it('is true while a drained node still has tasks meant to run, false otherwise', () => {
    expect(isDraining({ ...w1, availability: 'drain' })).toBe(true)
    expect(
      isDraining({ ...w1, availability: 'drain', tasks: [task({ desiredState: 'shutdown' })] }),
    ).toBe(false)
    expect(isDraining(w1)).toBe(false)
    expect(isDraining(undefined)).toBe(false)
  })
})
