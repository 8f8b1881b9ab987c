// @vitest-environment jsdom
import '../../test/dom.ts'
import type { Host } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { hostFixture } from '../../test/fixtures.ts'
import { json, serveFetch } from '../../test/fake-server.ts'
import { setupLivePeer } from '../../test/live-peer.ts'
import { createQueryClient } from '../app/query-client.ts'
import { useHostEvents } from '../events/index.ts'
import { hostKeys } from '../hosts/index.ts'
import { AlertBell } from './alert-bell.tsx'
import { UNREAD_POLL_MS } from './unread-poll.ts'

// The host pages' socket is jsdom's real WebSocket; the peer plays the server's events endpoint.
const live = setupLivePeer('/alerts')

const host = (id: string): Host => ({ ...hostFixture(), id, name: id })

function HostPage({ hostId }: { hostId: string }) {
  useHostEvents(hostId)
  return null
}

/** The bell in the top bar, with a host page open on `watching` (or none), as in the app. */
function renderBell(hosts: Host[], watching: string | undefined) {
  let unread = 0
  const asked = serveFetch(({ path }) =>
    path === '/api/alerts/unread' ? json({ unread }) : json({}, 404),
  )
  const client = createQueryClient()
  client.setQueryData(hostKeys.list(), hosts)
  const page = (hostId: string | undefined) => (
    <QueryClientProvider client={client}>
      <AlertBell />
      {hostId !== undefined && <HostPage hostId={hostId} />}
    </QueryClientProvider>
  )
  const view = render(page(watching))
  const pollMs = () =>
    client.getQueryCache().find({ queryKey: ['alerts', 'unread'] })?.observers[0]?.options
      .refetchInterval
  return {
    asked: () => asked.filter((r) => r.path === '/api/alerts/unread').length,
    setUnread: (n: number) => (unread = n),
    pollMs,
    goTo: (hostId: string | undefined) => {
      view.rerender(page(hostId))
    },
  }
}

describe('AlertBell', () => {
  it('asks for its count on a timer on a page without a host socket (the alerts page)', async () => {
    const bell = renderBell([host('h1')], undefined)
    await waitFor(() => {
      expect(bell.asked()).toBe(1)
    })
    expect(bell.pollMs()).toBe(UNREAD_POLL_MS)
  })

  it('stops asking while the only host’s socket is open, and counts its notices live', async () => {
    const bell = renderBell([host('h1')], 'h1')
    const conn = await live.peer.connection(0)
    await waitFor(() => {
      expect(bell.pollMs()).toBe(false)
    })
    bell.setUnread(1)

    conn.send({
      type: 'alert',
      notice: {
        id: 'a1',
        kind: 'container.exit',
        state: 'firing',
        severity: 'warning',
        title: 'web exited with code 3 on h1',
        body: '',
        ruleId: 'r1',
        ruleName: 'Exits',
        hostId: 'h1',
        hostName: 'h1',
        at: new Date().toISOString(),
      },
    })

    expect(await screen.findByRole('link', { name: 'Alerts: 1 unread' })).toBeTruthy()
  })

  it('keeps asking on a host page while another host the user may see has no socket', async () => {
    const bell = renderBell([host('h1'), host('h2')], 'h1')
    await live.peer.connection(0)
    await waitFor(() => {
      expect(bell.asked()).toBe(1)
    })
    expect(bell.pollMs()).toBe(UNREAD_POLL_MS)
  })

  it('asks on a timer again once the host page is left and its socket closed', async () => {
    const bell = renderBell([host('h1')], 'h1')
    const conn = await live.peer.connection(0)
    await waitFor(() => {
      expect(bell.pollMs()).toBe(false)
    })

    bell.goTo(undefined)

    await conn.closed
    await waitFor(() => {
      expect(bell.pollMs()).toBe(UNREAD_POLL_MS)
    })
  })
})
