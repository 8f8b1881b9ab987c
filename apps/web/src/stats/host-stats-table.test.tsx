// @vitest-environment jsdom
import '../../test/dom.ts'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { statsSampleFixture } from '../../test/fixtures.ts'
import { setupLivePeer } from '../../test/live-peer.ts'
import { HostStatsTable } from './host-stats-table.tsx'

// The table's socket is a real WebSocket; the peer plays the server's host stats endpoint.
const live = setupLivePeer()

function samples(...names: string[]) {
  return {
    type: 'samples',
    samples: names.map((name) =>
      statsSampleFixture({
        id: `${name}-id`,
        name: `/${name}`,
        read: new Date().toISOString(),
        cpuPercent: 1,
        memoryUsed: 1024 * 1024,
      }),
    ),
  }
}

const refusal = { type: 'error', error: { code: 'conflict', message: 'The host is not reachable' } }

describe('HostStatsTable', () => {
  it('shows the server’s error instead of waiting forever, and tries again on request', async () => {
    render(<HostStatsTable hostId="h1" />)
    const first = await live.peer.connection(0)
    expect(first.url).toBe('/api/hosts/h1/stats')
    expect(screen.getByText('Waiting for live figures…')).toBeTruthy()
    first.send(refusal)
    first.socket.close(4409, 'conflict')

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The host is not reachable')
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }))
    const second = await live.peer.connection(1)
    second.send(samples('web'))
    expect(await screen.findByRole('link', { name: 'web' })).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says the stream ended when the server closes before any figures', async () => {
    render(<HostStatsTable hostId="h1" />)
    const conn = await live.peer.connection(0)
    conn.socket.close(1000)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The server ended the live figures')
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('keeps the last figures on screen, marked, when the stream stops', async () => {
    render(<HostStatsTable hostId="h1" />)
    const conn = await live.peer.connection(0)
    conn.send(samples('web', 'db'))
    expect(await screen.findByRole('link', { name: 'db' })).toBeTruthy()
    conn.send(refusal)
    conn.socket.close(4409, 'conflict')

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Could not refresh: The host is not reachable')
    expect(screen.getByRole('link', { name: 'web' })).toBeTruthy()
    expect(await screen.findByText('closed')).toBeTruthy()
  })
})
