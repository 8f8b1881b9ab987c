// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { Host, StackDetails } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { NewStackPage } from './new-stack-page.tsx'
import { stackKeys } from './queries.ts'
import { StackPage } from './stack-page.tsx'

function swarmStack(origin: StackDetails['origin']): StackDetails {
  return {
    name: 'shop',
    target: 'swarm',
    origin,
    status: 'partial',
    running: 2,
    total: 3,
    ports: [],
    services: [
      {
        name: 'web',
        image: 'nginx:1.27',
        replicas: 3,
        containers: [],
        swarm: { id: 'svc-web-id', name: 'shop_web', mode: 'replicated', running: 2, desired: 3 },
      },
    ],
  }
}

function renderStack(role: Host['role'], stack: StackDetails) {
  return renderPage({
    path: `/hosts/h1/stacks/${stack.name}`,
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: StackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(stackKeys.detail('h1', stack.name), stack)
    },
  })
}

describe('stacks on a swarm', () => {
  it('lists a swarm stack’s services, each linking to its service page', () => {
    renderStack('operator', swarmStack('managed'))
    const card = within(screen.getByRole('region', { name: 'web' }))
    expect(card.getByRole('link', { name: 'shop_web' }).getAttribute('href')).toBe(
      '/hosts/h1/swarm/services/svc-web-id',
    )
    expect(card.getByText('2/3 running')).toBeTruthy()
    expect(screen.getByText('Swarm')).toBeTruthy()
    const tabs = within(screen.getByRole('navigation', { name: 'Stack views' }))
      .getAllByRole('link')
      .map((a) => a.textContent)
    expect(tabs).toEqual(['Services', 'Editor', 'Versions', 'Timeline'])
    const actions = within(screen.getByRole('toolbar', { name: 'Stack actions' }))
    expect(actions.getAllByRole('button').map((b) => b.textContent)).toEqual(['Deploy', 'Remove…'])
  })

  it('shows a docker stack deploy stack without a file, removable after a confirmation', async () => {
    const requests = serveFetch((r) =>
      r.method === 'POST'
        ? new Response('{"type":"done","changes":3}\n', {
            headers: { 'Content-Type': 'application/x-ndjson' },
          })
        : json(swarmStack('cli')),
    )
    renderStack('operator', swarmStack('cli'))
    expect(screen.getByText('docker stack')).toBeTruthy()
    expect(screen.getByText('Deployed by docker stack deploy')).toBeTruthy()
    const actions = within(screen.getByRole('toolbar', { name: 'Stack actions' }))
    expect(actions.getAllByRole('button').map((b) => b.textContent)).toEqual(['Remove…'])
    const user = userEvent.setup()
    await user.click(actions.getByRole('button', { name: 'Remove…' }))
    await user.click(await screen.findByRole('button', { name: 'Remove stack' }))
    await waitFor(() => {
      expect(requests.map((r) => `${r.method} ${r.path}`)).toContain(
        'POST /api/hosts/h1/stacks/shop/down',
      )
    })
  })

  it('offers a swarm stack by default on a manager, and a compose project when chosen', async () => {
    const requests = serveFetch((r) => {
      if (r.path === '/api/hosts/h1/swarm') return json({ manager: true })
      if (r.path.endsWith('/validate')) return json({ issues: [], services: ['web'] })
      return json(
        { ...(r.body as object), version: 1, maskedEnv: [], savedAt: '', savedBy: 'al' },
        201,
      )
    })
    renderPage({
      path: '/hosts/h1/stacks/new',
      route: '/hosts/:hostId/stacks/new',
      component: NewStackPage,
      seed: (client) => {
        client.setQueryData(hostKeys.list(), [hostFixture('operator')])
      },
    })
    const user = userEvent.setup()
    const swarm = await screen.findByRole<HTMLInputElement>('radio', { name: /Swarm stack/ })
    expect(swarm.checked).toBe(true)
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'shop')
    await waitFor(() => {
      expect(requests.some((r) => r.path.endsWith('/validate'))).toBe(true)
    })
    const validated = requests.filter((r) => r.path.endsWith('/validate')).at(-1)
    expect(validated?.body).toMatchObject({ name: 'shop', target: 'swarm' })

    await user.click(screen.getByRole('radio', { name: /Compose project/ }))
    const create = screen.getByRole<HTMLButtonElement>('button', { name: 'Create stack' })
    await waitFor(() => {
      expect(create.disabled).toBe(false)
    })
    await user.click(create)
    await waitFor(() => {
      expect(
        requests.find((r) => r.method === 'POST' && r.path === '/api/hosts/h1/stacks')?.body,
      ).toMatchObject({ name: 'shop', target: 'compose' })
    })
  })
})
