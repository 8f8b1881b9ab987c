// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { json, serveFetch, type FakeRequest } from '../../test/fake-server.ts'
import { userFixture } from '../../test/fixtures.ts'
import { createQueryClient } from '../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../ui/index.ts'
import { UsersPanel } from './users-panel.tsx'
import { usersKey } from './users-key.ts'

const ALICE = userFixture()

/** Stands in for /api/users: answers as the server would. */
function serveUsers(): FakeRequest[] {
  return serveFetch(({ method, body }) => {
    if (method === 'GET') return json({ users: [ALICE] })
    const user = { ...ALICE, ...(body as object), id: method === 'POST' ? 'u2' : ALICE.id }
    return json({ user }, method === 'POST' ? 201 : 200)
  })
}

/** The changes sent, leaving out the reads the panel makes to refresh its list. */
const changesIn = (requests: FakeRequest[]) => requests.filter((r) => r.method !== 'GET')

function renderPanel() {
  const client = createQueryClient()
  client.setQueryData(usersKey, { users: [ALICE] })
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ConfirmProvider>
          <UsersPanel />
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

describe('UsersPanel', () => {
  it('asks before changing a role, changes nothing on Cancel, and says when it is done', async () => {
    const requests = serveUsers()
    const user = renderPanel()
    const role = screen.getByRole('combobox', { name: 'Role of alice' })

    await user.selectOptions(role, 'admin')
    const asked = await screen.findByRole('dialog', { name: 'Make alice an admin?' })
    await user.click(within(asked).getByRole('button', { name: 'Cancel' }))
    expect((role as HTMLSelectElement).value).toBe('operator')
    expect(changesIn(requests)).toEqual([])

    await user.selectOptions(role, 'admin')
    const again = await screen.findByRole('dialog', { name: 'Make alice an admin?' })
    await user.click(within(again).getByRole('button', { name: 'Change role' }))
    expect(await screen.findByText('alice is now an admin')).toBeTruthy()
    expect(changesIn(requests)).toEqual([
      { method: 'PATCH', path: '/api/users/u1', body: { role: 'admin' } },
    ])
  })

  it('asks before disabling a user', async () => {
    const requests = serveUsers()
    const user = renderPanel()
    await user.click(screen.getByRole('button', { name: 'Disable' }))
    const asked = await screen.findByRole('dialog', { name: 'Disable alice?' })
    await user.click(within(asked).getByRole('button', { name: 'Disable' }))

    expect(await screen.findByText('alice disabled')).toBeTruthy()
    expect(changesIn(requests)).toEqual([
      { method: 'PATCH', path: '/api/users/u1', body: { disabled: true } },
    ])
  })

  it('says when a user was added', async () => {
    const requests = serveUsers()
    const user = renderPanel()
    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'bob')
    await user.type(screen.getByLabelText('Password'), 'correct horse')
    await user.click(screen.getByRole('button', { name: 'Add user' }))

    expect(await screen.findByText('User bob added')).toBeTruthy()
    expect(changesIn(requests)).toEqual([
      {
        method: 'POST',
        path: '/api/users',
        body: { username: 'bob', password: 'correct horse', role: 'viewer' },
      },
    ])
  })

  it('resets a password in a dialog, not a prompt', async () => {
    const prompt = vi.spyOn(window, 'prompt')
    serveUsers()
    const user = renderPanel()
    await user.click(screen.getByRole('button', { name: 'Reset password' }))
    expect(await screen.findByRole('dialog', { name: 'Reset the password of alice' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Reset the password of alice' })).toBeNull()
    })
    expect(prompt).not.toHaveBeenCalled()
  })
})
