// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { UserSummary } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createQueryClient } from '../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../ui/index.ts'
import { UsersPanel } from './users-panel.tsx'
import { usersKey } from './users-key.ts'

const ALICE: UserSummary = {
  id: 'u1',
  username: 'alice',
  role: 'operator',
  disabled: false,
  hostGrants: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
}

/** Stands in for /api/users: records each change sent, and answers as the server would. */
function serveUsers(): { request: string; body: unknown }[] {
  const changes: { request: string; body: unknown }[] = []
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    if (method === 'GET') return Promise.resolve(Response.json({ users: [ALICE] }))
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined
    changes.push({ request: `${method} ${new URL(String(input)).pathname}`, body })
    const user = { ...ALICE, ...(body as object), id: method === 'POST' ? 'u2' : ALICE.id }
    return Promise.resolve(Response.json({ user }, { status: method === 'POST' ? 201 : 200 }))
  })
  return changes
}
afterEach(() => {
  vi.unstubAllGlobals()
})

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
    const changes = serveUsers()
    const user = renderPanel()
    const role = screen.getByRole('combobox', { name: 'Role of alice' })

    await user.selectOptions(role, 'admin')
    const asked = await screen.findByRole('dialog', { name: 'Make alice an admin?' })
    await user.click(within(asked).getByRole('button', { name: 'Cancel' }))
    expect((role as HTMLSelectElement).value).toBe('operator')
    expect(changes).toEqual([])

    await user.selectOptions(role, 'admin')
    const again = await screen.findByRole('dialog', { name: 'Make alice an admin?' })
    await user.click(within(again).getByRole('button', { name: 'Change role' }))
    expect(await screen.findByText('alice is now an admin')).toBeTruthy()
    expect(changes).toEqual([{ request: 'PATCH /api/users/u1', body: { role: 'admin' } }])
  })

  it('asks before disabling a user', async () => {
    const changes = serveUsers()
    const user = renderPanel()
    await user.click(screen.getByRole('button', { name: 'Disable' }))
    const asked = await screen.findByRole('dialog', { name: 'Disable alice?' })
    await user.click(within(asked).getByRole('button', { name: 'Disable' }))

    expect(await screen.findByText('alice disabled')).toBeTruthy()
    expect(changes).toEqual([{ request: 'PATCH /api/users/u1', body: { disabled: true } }])
  })

  it('says when a user was added', async () => {
    const changes = serveUsers()
    const user = renderPanel()
    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'bob')
    await user.type(screen.getByLabelText('Password'), 'correct horse')
    await user.click(screen.getByRole('button', { name: 'Add user' }))

    expect(await screen.findByText('User bob added')).toBeTruthy()
    expect(changes).toEqual([
      {
        request: 'POST /api/users',
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
