// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { userFixture } from '../../test/fixtures.ts'
import { createQueryClient } from '../app/query-client.ts'
import { ToastProvider } from '../ui/index.ts'
import { ResetPasswordDialog } from './reset-password-dialog.tsx'

const ALICE = userFixture()

function renderDialog() {
  const onClose = vi.fn()
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ToastProvider>
        <ResetPasswordDialog user={ALICE} onClose={onClose} />
      </ToastProvider>
    </QueryClientProvider>,
  )
  const user = userEvent.setup()
  const fields = {
    password: screen.getByLabelText('New password'),
    repeat: screen.getByLabelText('Repeat the new password'),
  }
  const submit = () => user.click(screen.getByRole('button', { name: 'Reset password' }))
  return { user, fields, submit, onClose }
}

describe('ResetPasswordDialog', () => {
  it('hides what is typed and checks it as the contract does before sending anything', async () => {
    const sent = serveFetch(() => new Response(null, { status: 204 }))
    const { user, fields, submit } = renderDialog()
    expect(fields.password.getAttribute('type')).toBe('password')
    expect(fields.repeat.getAttribute('type')).toBe('password')

    await user.type(fields.password, 'short')
    await user.tab()
    expect(screen.getByText('At least 8 characters')).toBeTruthy()
    expect(fields.password.getAttribute('aria-invalid')).toBe('true')

    await user.clear(fields.password)
    await user.type(fields.password, 'correct horse')
    expect(screen.queryByText('At least 8 characters')).toBeNull()
    await user.type(fields.repeat, 'correct')
    expect(screen.queryByText('The two passwords differ')).toBeNull()
    await user.type(fields.repeat, 'X')
    expect(screen.getByText('The two passwords differ')).toBeTruthy()

    await submit()
    expect(sent).toEqual([])
  })

  it('asks for the repetition when only the password was typed', async () => {
    const sent = serveFetch(() => new Response(null, { status: 204 }))
    const { user, fields, submit } = renderDialog()
    await user.type(fields.password, 'correct horse')
    await submit()
    expect(screen.getByText('The two passwords differ')).toBeTruthy()
    expect(sent).toEqual([])
  })

  it('shows the server’s refusal in its words and stays open', async () => {
    serveFetch(() => json({ error: { code: 'not_found', message: 'No user with id u1' } }, 404))
    const { user, fields, submit, onClose } = renderDialog()
    await user.type(fields.password, 'correct horse')
    await user.type(fields.repeat, 'correct horse')
    await submit()

    expect((await screen.findByRole('alert')).textContent).toBe('No user with id u1')
    expect(onClose).not.toHaveBeenCalled()
  })

  it('sends the new password once, says it is done and closes', async () => {
    const sent = serveFetch(() => new Response(null, { status: 204 }))
    const { user, fields, submit, onClose } = renderDialog()
    await user.type(fields.password, 'correct horse')
    await user.type(fields.repeat, 'correct horse')
    await submit()

    expect(await screen.findByText('Password of alice reset')).toBeTruthy()
    expect(onClose).toHaveBeenCalledOnce()
    expect(sent).toEqual([
      { method: 'POST', path: '/api/users/u1/password', body: { password: 'correct horse' } },
    ])
  })
})
