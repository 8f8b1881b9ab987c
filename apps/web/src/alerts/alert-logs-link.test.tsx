// @vitest-environment jsdom
import '../../test/dom.ts'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { setupLivePeer } from '../../test/live-peer.ts'
import { LogsTab } from '../logs/index.ts'
import { alertLinks } from './alert-links.ts'

// The logs tab's socket is a real WebSocket to a peer that plays the server's logs endpoint.
const live = setupLivePeer()

/** Follows an alert's "logs" link into the container's logs tab, as the alerts page does. */
function openAlertLogs() {
  const link = alertLinks({
    id: 'a1',
    kind: 'container.unhealthy',
    state: 'firing',
    severity: 'warning',
    title: 'web is unhealthy on local',
    body: '',
    ruleId: 'r1',
    ruleName: 'Unhealthy',
    hostId: 'h1',
    hostName: 'local',
    subject: { type: 'container', id: 'c1', name: 'web' },
    at: '2026-12-07T10:20:30.000Z',
    read: false,
  }).logs
  const [path = '', search = ''] = (link ?? '').split('?')
  const location = memoryLocation({ path, searchPath: search, record: true })
  render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <LogsTab hostId="h1" containerId="c1" tty={false} />
    </Router>,
  )
  return { location, user: userEvent.setup() }
}

describe('an alert’s logs link', () => {
  it('asks the server for the lines around the alert, with their timestamps', async () => {
    openAlertLogs()
    const conn = await live.peer.connection(0)
    const url = new URL(conn.url, live.peer.origin)
    expect(url.pathname).toBe('/api/hosts/h1/containers/c1/logs')
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      since: '2026-12-07T10:19:30.000Z',
      until: '2026-12-07T10:21:30.000Z',
      timestamps: 'true',
    })
    expect(screen.getByRole('button', { name: 'until 2026-12-07T10:21:30.000Z ×' })).toBeTruthy()
    // Open on the page's side too before the test ends (closing a socket mid-handshake throws).
    expect(await screen.findByText('live')).toBeTruthy()
  })

  it('lets the reader drop the end and see the log up to now', async () => {
    const { location, user } = openAlertLogs()
    await live.peer.connection(0)
    await screen.findByText('live')

    await user.click(screen.getByRole('button', { name: /^until / }))

    const conn = await live.peer.connection(1)
    const url = new URL(conn.url, live.peer.origin)
    expect(url.searchParams.get('until')).toBeNull()
    expect(url.searchParams.get('since')).toBe('2026-12-07T10:19:30.000Z')
    await waitFor(() => {
      expect(location.history?.at(-1)).not.toContain('until')
    })
    expect(await screen.findByText('live')).toBeTruthy()
  })
})
