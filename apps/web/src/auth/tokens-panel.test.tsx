// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { ApiToken } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { createQueryClient } from '../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../ui/index.ts'
import { TokensPanel } from './tokens-panel.tsx'

const CI: ApiToken = {
  id: 't1',
  name: 'ci',
  createdAt: '2026-12-01T10:00:00.000Z',
  lastUsedAt: null,
}

/** Answers the revoke with `revoke` and the list with the one token. */
function serve(revoke: () => Response) {
  return serveFetch(({ method }) => (method === 'DELETE' ? revoke() : json({ tokens: [CI] })))
}

async function revokeCi() {
  const client = createQueryClient()
  client.setQueryData(['auth', 'tokens'], { tokens: [CI] })
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ConfirmProvider>
          <TokensPanel />
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: 'Revoke' }))
  const asked = await screen.findByRole('dialog', { name: 'Revoke token ci?' })
  await user.click(within(asked).getByRole('button', { name: 'Revoke' }))
}

describe('TokensPanel', () => {
  it('says when a token was revoked', async () => {
    const requests = serve(() => new Response(null, { status: 204 }))
    await revokeCi()
    expect(await screen.findByText('Token ci revoked')).toBeTruthy()
    expect(requests.filter((r) => r.method === 'DELETE')).toEqual([
      { method: 'DELETE', path: '/api/tokens/t1' },
    ])
  })

  it('says why a revoke failed', async () => {
    serve(() => json({ error: { code: 'not_found', message: 'No API token with id t1' } }, 404))
    await revokeCi()
    expect(await screen.findByText('Could not revoke token ci')).toBeTruthy()
    expect(screen.getByText('No API token with id t1')).toBeTruthy()
  })
})
