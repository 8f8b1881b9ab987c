// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { SignInSession } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../../test/fake-server.ts'
import { createQueryClient, meKey } from '../../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../../ui/index.ts'
import { SignInSessionsPanel } from './sign-in-sessions-panel.tsx'

const base = {
  userAgent: 'Mozilla/5.0',
  address: '198.51.100.7',
  secondFactor: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  lastUsedAt: '2026-12-01T10:05:00.000Z',
  expiresAt: '2026-12-08T10:00:00.000Z',
} as const
const HERE: SignInSession = {
  ...base,
  id: '00000000000000aa',
  current: true,
  device: 'Chrome 131 on Linux',
  method: 'password',
  secondFactor: 'totp',
}
const THERE: SignInSession = {
  ...base,
  id: '00000000000000bb',
  current: false,
  device: 'Firefox 133 on Windows',
  method: 'oidc',
}

function renderPanel() {
  const client = createQueryClient()
  client.setQueryData(meKey, { id: 'u1', username: 'olga', role: 'operator', hostGrants: [] })
  const requests = serveFetch(({ method }) =>
    method === 'DELETE' ? new Response(null, { status: 204 }) : json({ sessions: [HERE, THERE] }),
  )
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ConfirmProvider>
          <SignInSessionsPanel />
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  return { client, requests, user: userEvent.setup() }
}

async function confirmIn(dialogName: string, button: string) {
  const asked = await screen.findByRole('dialog', { name: dialogName })
  await userEvent.setup().click(within(asked).getByRole('button', { name: button }))
}

describe('SignInSessionsPanel', () => {
  it('marks this session, says how each signed in, and revokes another by its id', async () => {
    const { requests, user } = renderPanel()
    const here = (await screen.findByText('Chrome 131 on Linux')).closest('tr')
    expect(here?.textContent).toContain('this session')
    expect(here?.textContent).toContain('active now')
    expect(here?.textContent).toContain('Password + authenticator code')
    expect(screen.getByText('Single sign-on')).toBeTruthy()

    await user.click(
      screen.getByRole('button', { name: 'Revoke the session on Firefox 133 on Windows' }),
    )
    await confirmIn('End the session on Firefox 133 on Windows?', 'End session')

    expect(await screen.findByText('Session on Firefox 133 on Windows ended')).toBeTruthy()
    expect(requests.filter((r) => r.method === 'DELETE')).toEqual([
      { method: 'DELETE', path: '/api/auth/sessions/00000000000000bb', body: undefined },
    ])
  })

  it('ending this session signs this browser out', async () => {
    const { client, user } = renderPanel()
    await user.click(await screen.findByRole('button', { name: 'Sign out this session' }))
    await confirmIn('End this session?', 'Sign out')

    await expect.poll(() => client.getQueryData(meKey)).toBeNull()
  })
})
