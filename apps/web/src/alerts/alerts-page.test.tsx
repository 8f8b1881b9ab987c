// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { AlertEntry } from '@harbormaster/contract'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { renderPage } from '../../test/render-page.tsx'
import { AlertsPage } from './alerts-page.tsx'

const LOOP: AlertEntry = {
  id: 'a-loop',
  kind: 'container.restart-loop',
  state: 'notice',
  severity: 'critical',
  title: 'web is restarting in a loop on local',
  body: '',
  ruleId: 'r-loop',
  ruleName: 'Restart loop',
  hostId: 'local',
  hostName: 'local',
  subject: { type: 'container', id: 'c1', name: 'web' },
  at: '2026-12-07T10:20:30.000Z',
  read: true,
}

describe('AlertsPage', () => {
  it('shows a one-off alert as a notice, and filters on that state', async () => {
    const requests = serveFetch(({ path }) => {
      if (path.startsWith('/api/hosts')) return json([])
      return json({ alerts: [LOOP], unread: 0 })
    })
    renderPage({ path: '/alerts', route: '/alerts', component: AlertsPage })

    const row = await screen.findByRole('row', { name: LOOP.title })
    expect(within(row).getByText('notice')).toBeTruthy()
    expect(within(row).queryByText('firing')).toBeNull()

    await userEvent.setup().selectOptions(screen.getByLabelText('State'), 'notice')
    await expect
      .poll(() => requests.map((r) => r.path))
      .toContainEqual(expect.stringMatching(/^\/api\/alerts\?.*state=notice/))
  })
})
