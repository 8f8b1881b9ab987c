// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { AlertChannel } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../../test/fake-server.ts'
import { createQueryClient } from '../../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../../ui/index.ts'
import { channelKeys } from './channel-keys.ts'
import { ChannelsPanel } from './channels-panel.tsx'

const HOOK: AlertChannel = {
  id: 'c1',
  name: 'ops hook',
  enabled: true,
  quietHours: null,
  config: { type: 'webhook', target: 'https://hooks.example.test', hasUrl: true, hasSecret: true },
  createdAt: '2026-12-07T06:00:00.000Z',
  updatedAt: '2026-12-07T06:00:00.000Z',
}

function renderPanel() {
  const client = createQueryClient()
  client.setQueryData(channelKeys.all, { channels: [HOOK] })
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ConfirmProvider>
          <ChannelsPanel />
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

describe('ChannelsPanel', () => {
  it('shows a stored secret as set, and an edit that leaves it empty does not send it', async () => {
    const requests = serveFetch(({ method, body }) =>
      method === 'PATCH'
        ? json({ channel: { ...HOOK, ...(body as object), config: HOOK.config } })
        : json({ channels: [HOOK] }),
    )
    const user = renderPanel()
    expect(screen.getByText('https://hooks.example.test')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Edit' }))
    const dialog = await screen.findByRole('dialog', { name: 'Edit channel ops hook' })
    const url = within(dialog).getByLabelText<HTMLInputElement>(/^URL/)
    expect(url.value).toBe('')
    expect(url.type).toBe('password')
    expect(
      within(dialog).getAllByText('Set. Leave empty to keep it, type to replace it.'),
    ).toHaveLength(2)
    await user.clear(within(dialog).getByLabelText('Name'))
    await user.type(within(dialog).getByLabelText('Name'), 'ops')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Channel ops saved')).toBeTruthy()
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([
      {
        method: 'PATCH',
        path: '/api/alerts/channels/c1',
        body: { name: 'ops', enabled: true, quietHours: null, config: { type: 'webhook' } },
      },
    ])
  })

  it('sends a test and shows what the receiver answered', async () => {
    serveFetch(({ method }) =>
      method === 'POST'
        ? json({ ok: false, answer: 'HTTP 401: bad signature', durationMs: 12 })
        : json({ deliveries: [] }),
    )
    const user = renderPanel()
    await user.click(screen.getByRole('button', { name: 'Send a test' }))
    const answer = await screen.findByText('HTTP 401: bad signature')
    expect(answer.closest('[role="status"]')?.textContent).toContain('failed')
  })
})
