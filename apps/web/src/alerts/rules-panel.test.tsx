// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { AlertChannel, AlertRule } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { createQueryClient } from '../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../ui/index.ts'
import { RulesPanel } from './rules-panel.tsx'

const HOOK: AlertChannel = {
  id: 'ch-7f3a',
  name: 'ops hook',
  enabled: true,
  quietHours: null,
  config: { type: 'webhook', target: 'https://hooks.example.test', hasUrl: true, hasSecret: true },
  createdAt: '2026-12-07T06:00:00.000Z',
  updatedAt: '2026-12-07T06:00:00.000Z',
}

const SAVED: AlertRule = {
  id: 'r1',
  name: 'Web exits',
  kind: 'container.exit',
  params: {},
  scope: { type: 'labels', selector: 'team=web' },
  channelIds: ['ch-7f3a'],
  dedupMinutes: 15,
  recovery: true,
  enabled: true,
  createdAt: '2026-12-07T06:00:00.000Z',
  updatedAt: '2026-12-07T06:00:00.000Z',
}

describe('RulesPanel', () => {
  it('picks a rule’s channels by name, sends their ids, and lists the rule with the names', async () => {
    let rules: AlertRule[] = []
    const requests = serveFetch(({ method, path }) => {
      if (path.startsWith('/api/alerts/channels')) return json({ channels: [HOOK] })
      if (method === 'POST') {
        rules = [SAVED]
        return json({ rule: SAVED }, 201)
      }
      return json({ rules })
    })
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ToastProvider>
          <ConfirmProvider>
            <RulesPanel />
          </ConfirmProvider>
        </ToastProvider>
      </QueryClientProvider>,
    )
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'New rule' }))
    const dialog = await screen.findByRole('dialog', { name: 'New alert rule' })
    await user.type(within(dialog).getByLabelText('Name'), 'Web exits')
    await user.selectOptions(within(dialog).getByLabelText('Scope'), 'labels')
    await user.type(within(dialog).getByLabelText('Label (key=value)'), 'team=web')
    await user.click(await within(dialog).findByRole('checkbox', { name: 'ops hook' }))
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))

    const row = await screen.findByRole('row', { name: 'Web exits' })
    expect(row.textContent).toContain('ops hook')
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      name: 'Web exits',
      scope: { type: 'labels', selector: 'team=web' },
      channelIds: ['ch-7f3a'],
    })
  })
})
