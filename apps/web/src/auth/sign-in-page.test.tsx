// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { createQueryClient } from '../app/query-client.ts'
import { SignInPage } from './sign-in-page.tsx'

const ADMIN = { id: 'u1', username: 'admin', role: 'admin', hostGrants: [] }

function renderFirstRun() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <SignInPage firstRun />
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

async function fillAccount(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Username'), 'admin')
  await user.type(screen.getByLabelText('Password', { exact: true }), 'first-admin-1')
  await user.type(screen.getByLabelText('Repeat password'), 'first-admin-1')
}

describe('SignInPage on first run', () => {
  it('asks for the setup code, says where to find it, and sends it with the account', async () => {
    const requests = serveFetch(() => json({ user: ADMIN }, 201))
    const user = renderFirstRun()

    expect(screen.getByText(/Printed in the server's log at start/).textContent).toContain(
      'docker logs harbormaster',
    )
    await user.type(screen.getByLabelText('Setup code'), 'ABCD-EFGH-JKMN-PQRS')
    await fillAccount(user)
    await user.click(screen.getByRole('button', { name: 'Create administrator' }))

    await expect.poll(() => requests.length).toBe(1)
    expect(requests[0]).toEqual({
      method: 'POST',
      path: '/api/auth/setup',
      body: { username: 'admin', password: 'first-admin-1', setupCode: 'ABCD-EFGH-JKMN-PQRS' },
    })
  })

  it('does not send without a code, and shows the server saying a code is wrong', async () => {
    const message = "Wrong setup code: use the one printed in the server's log at its last start"
    const requests = serveFetch(() => json({ error: { code: 'forbidden', message } }, 403))
    const user = renderFirstRun()
    await fillAccount(user)

    await user.click(screen.getByRole('button', { name: 'Create administrator' }))
    expect(screen.getByText('Enter the setup code from the server log')).toBeTruthy()
    expect(requests).toEqual([])

    await user.type(screen.getByLabelText('Setup code'), 'WRONG')
    await user.click(screen.getByRole('button', { name: 'Create administrator' }))
    expect(await screen.findByText(message)).toBeTruthy()
  })
})
