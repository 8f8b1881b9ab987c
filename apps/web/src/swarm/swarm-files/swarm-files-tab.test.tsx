// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { Host, SwarmObjectMeta } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { type FakeRequest, json, serveFetch } from '../../../test/fake-server.ts'
import { hostFixture } from '../../../test/fixtures.ts'
import { renderPage } from '../../../test/render-page.tsx'
import { hostKeys } from '../../hosts/queries.ts'
import { SwarmFilesTab } from './swarm-files-tab.tsx'

const secret: SwarmObjectMeta = {
  id: 'sec1',
  name: 'db-pass',
  labels: { team: 'a' },
  createdAt: '2026-12-07T00:00:00Z',
  updatedAt: '2026-12-07T00:00:00Z',
}

function renderTab(role: Host['role'], change: (request: FakeRequest) => Response) {
  const requests = serveFetch((request) =>
    request.method === 'GET' ? json([secret]) : change(request),
  )
  renderPage({
    path: '/hosts/h1/swarm/secrets',
    route: '/hosts/:hostId/swarm/secrets',
    component: () => <SwarmFilesTab hostId="h1" kind="secrets" />,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
    },
  })
  const changes = () => requests.filter((r) => r.method !== 'GET')
  return { changes, user: userEvent.setup() }
}

describe('SwarmFilesTab', () => {
  it('creates a secret with its typed value sent once, and says it will not be shown again', async () => {
    const { changes, user } = renderTab('operator', () => json({ id: 'sec2' }, 201))
    await user.click(await screen.findByRole('button', { name: 'Create secret' }))
    const dialog = screen.getByRole('dialog')
    expect(dialog.textContent).toContain('never shown again')
    await user.type(within(dialog).getByLabelText('Name'), 'api-token')
    await user.type(within(dialog).getByLabelText('Value'), 's3cret')
    await user.type(within(dialog).getByLabelText(/^Labels/), 'team=a')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull()
    })
    expect(changes()).toEqual([
      {
        method: 'POST',
        path: '/api/hosts/h1/swarm/secrets',
        body: { name: 'api-token', value: 's3cret', labels: { team: 'a' } },
      },
    ])
  })

  it('reads the value from a file as base64', async () => {
    const { changes, user } = renderTab('operator', () => json({ id: 'sec2' }, 201))
    await user.click(await screen.findByRole('button', { name: 'Create secret' }))
    const dialog = screen.getByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'cert')
    const bytes = new Uint8Array([0, 1, 254, 255])
    await user.upload(
      within(dialog).getByLabelText('Or read the value from a file'),
      new File([bytes], 'cert.der'),
    )
    await within(dialog).findByText('cert.der')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))
    await waitFor(() => {
      expect(changes().map((r) => r.body)).toEqual([{ name: 'cert', valueBase64: 'AAH+/w==' }])
    })
  })

  it("removes after a confirmation and shows the engine's refusal as it words it", async () => {
    const refusal = "secret 'db-pass' is in use by the following service: web"
    const { changes, user } = renderTab('operator', () =>
      json({ error: { code: 'conflict', message: refusal } }, 409),
    )
    await user.click(await screen.findByRole('button', { name: 'Remove' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove' }))
    expect(await screen.findByText(refusal)).toBeTruthy()
    expect(changes()).toEqual([
      { method: 'DELETE', path: '/api/hosts/h1/swarm/secrets/sec1', body: undefined },
    ])
  })

  it('offers viewers neither create nor remove', async () => {
    renderTab('viewer', () => json({}))
    expect(await screen.findByText('db-pass')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Create secret' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull()
  })
})
