// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { ServiceDetails } from '@harbormaster/contract'
import { cleanup, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { type FakeRequest, json, serveFetch } from '../../../test/fake-server.ts'
import { hostFixture } from '../../../test/fixtures.ts'
import { renderPage } from '../../../test/render-page.tsx'
import { hostKeys } from '../../hosts/queries.ts'
import { NewServiceButton } from './new-service-button.tsx'
import { EditServicePage, NewServicePage } from './service-form-page.tsx'

const apiError = (status: number, code: string, message: string) =>
  json({ error: { code, message } }, status)

/** Answers the lists the form reads (secrets, configs) and hands every change to `change`. */
function serve(change: (request: FakeRequest) => Response, details?: ServiceDetails) {
  return serveFetch((request) => {
    if (request.method !== 'GET') return change(request)
    if (details && request.path.endsWith(`/services/${details.id}`)) return json(details)
    return json([])
  })
}

const field = (label: string) => screen.getByRole('textbox', { name: new RegExp(`^${label}`) })
const changes = (requests: FakeRequest[]) => requests.filter((r) => r.method !== 'GET')

describe('NewServicePage', () => {
  it('sends the settings typed, previews them as docker service create, then opens the service', async () => {
    const requests = serve(() => json({ id: 'svc123', warnings: [] }, 201))
    const { location } = renderPage({
      path: '/hosts/h1/swarm/services/new',
      route: '/hosts/:hostId/swarm/services/new',
      component: NewServicePage,
      seed: (client) => {
        client.setQueryData(hostKeys.list(), [hostFixture()])
      },
    })
    const user = userEvent.setup()
    await user.type(field('Image'), 'nginx:1.27')
    await user.type(field('Name'), 'web')
    await user.clear(field('Replicas'))
    await user.type(field('Replicas'), '2')
    await user.type(field('Constraints'), 'node.labels.zone==a')
    await user.type(field('Environment'), 'A=1')
    await user.click(screen.getByRole('button', { name: 'Add secret' }))
    await user.type(screen.getByRole('combobox', { name: 'secret name' }), 'db-pass')

    const preview = screen.getByTestId('service-create-command').textContent ?? ''
    expect(preview).toContain('--replicas 2')
    expect(preview).toContain('--constraint node.labels.zone==a')
    expect(preview).toContain('--secret source=db-pass')

    await user.click(screen.getByRole('button', { name: 'Create service' }))
    await waitFor(() => {
      expect(location.history.at(-1)).toBe('/hosts/h1/swarm/services/svc123')
    })
    expect(changes(requests)).toEqual([
      {
        method: 'POST',
        path: '/api/hosts/h1/swarm/services',
        body: {
          name: 'web',
          image: 'nginx:1.27',
          env: ['A=1'],
          mode: { replicated: 2 },
          placement: { constraints: ['node.labels.zone==a'] },
          secrets: [{ name: 'db-pass' }],
        },
      },
    ])
  })

  it('shows problems in the browser before sending, and the server refusal as worded', async () => {
    const requests = serve(() =>
      apiError(403, 'forbidden', 'Not allowed for your role: capAdd (admin only)'),
    )
    renderPage({
      path: '/hosts/h1/swarm/services/new',
      route: '/hosts/:hostId/swarm/services/new',
      component: NewServicePage,
      seed: (client) => {
        client.setQueryData(hostKeys.list(), [hostFixture()])
      },
    })
    const user = userEvent.setup()
    await user.type(field('Name'), 'web')
    await user.type(field('Memory limit'), 'lots')
    await user.click(screen.getByRole('button', { name: 'Create service' }))
    expect(field('Memory limit').closest('label')?.textContent).toContain(
      '"lots": expected a size like 512m or 2g',
    )
    expect(field('Image').getAttribute('aria-invalid')).toBe('true')
    expect(changes(requests)).toEqual([])

    await user.clear(field('Memory limit'))
    await user.type(field('Image'), 'nginx')
    await user.click(screen.getByRole('button', { name: 'Create service' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Not allowed for your role: capAdd (admin only)',
    )
  })
})

const details: ServiceDetails = {
  id: 'svc1',
  version: 7,
  createdAt: '2026-12-07T00:00:00Z',
  updatedAt: '2026-12-07T00:00:00Z',
  settings: {
    name: 'web',
    image: 'nginx:1.27',
    env: ['A=1', 'DB_PASSWORD=[masked]'],
    mode: { replicated: 2 },
    capDrop: ['NET_RAW'],
    updateConfig: { parallelism: 1, monitorNs: 5e9 },
  },
  unmodelled: [],
  maskedEnv: ['DB_PASSWORD'],
}

function renderEdit(change: (request: FakeRequest) => Response) {
  const requests = serve(change, details)
  const { location } = renderPage({
    path: '/hosts/h1/swarm/services/svc1/edit',
    route: '/hosts/:hostId/swarm/services/:id/edit',
    component: EditServicePage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture()])
    },
  })
  return { requests, location, user: userEvent.setup() }
}

describe('EditServicePage', () => {
  it('sends only what changed, never the masked environment left as it was', async () => {
    const { requests, location, user } = renderEdit(() => json({ warnings: [] }))
    await waitFor(() => {
      expect((field('Image') as HTMLInputElement).value).toBe('nginx:1.27')
    })
    expect((field('Name') as HTMLInputElement).disabled).toBe(true)
    await user.clear(field('Image'))
    await user.type(field('Image'), 'nginx:1.28')
    await user.click(screen.getByRole('button', { name: 'Update service' }))
    await waitFor(() => {
      expect(location.history.at(-1)).toBe('/hosts/h1/swarm/services/svc1')
    })
    expect(changes(requests)).toEqual([
      { method: 'PATCH', path: '/api/hosts/h1/swarm/services/svc1', body: { image: 'nginx:1.28' } },
    ])
  })

  it('sends a withheld line back as it was shown, for the server to keep its value', async () => {
    const { requests, user } = renderEdit(() =>
      apiError(409, 'conflict', 'The service has settings Harbormaster does not model'),
    )
    await waitFor(() => {
      expect((field('Environment') as HTMLTextAreaElement).value).toContain('DB_PASSWORD')
    })
    expect(screen.getByText(/leave such a line as it is to keep its value/)).toBeTruthy()
    await user.type(field('Environment'), '\nB=2')
    await user.click(screen.getByRole('button', { name: 'Update service' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The service has settings Harbormaster does not model',
    )
    expect(changes(requests).map((r) => r.body)).toEqual([
      { env: ['A=1', 'DB_PASSWORD=[masked]', 'B=2'] },
    ])
  })

  it('says so when nothing changed', async () => {
    renderEdit(() => json({ warnings: [] }))
    expect(await screen.findByRole('button', { name: 'Nothing changed' })).toBeTruthy()
  })
})

describe('NewServiceButton', () => {
  const renderButton = (role: 'viewer' | 'operator') =>
    renderPage({
      path: '/hosts/h1/swarm/services',
      route: '/hosts/:hostId/swarm/services',
      component: () => <NewServiceButton hostId="h1" />,
      seed: (client) => {
        client.setQueryData(hostKeys.list(), [hostFixture(role)])
      },
    })

  it('leads operators to the form and is not there for viewers', () => {
    renderButton('operator')
    expect(screen.getByRole('link', { name: 'New service' }).getAttribute('href')).toBe(
      '/hosts/h1/swarm/services/new',
    )
    cleanup()
    renderButton('viewer')
    expect(screen.queryByRole('link', { name: 'New service' })).toBeNull()
  })
})
